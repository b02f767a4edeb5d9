package ai.brandtune.cli;

import ai.brandtune.synth.DataBuild;
import ai.brandtune.synth.StageSummary;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune data build}: every stage in order, resumable. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Run generate, clean, rejects, split, export, validate and stats in order in --out.",
      "A stage that completed before with the same inputs (config keys, kit, input files) and"
          + " untouched outputs is skipped (see manifest.json), so a rerun after a crash or"
          + " Ctrl-C continues where it stopped."
    })
final class DataBuildCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin DataOptions data;

  @Option(names = "--force", description = "Run every stage, even those that are up to date.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DataBuild.Result result =
        new DataBuild(data.config())
            .run(
                data.out,
                force,
                line -> {
                  err.println(line);
                  err.flush();
                });
    for (StageSummary s : result.summaries()) {
      data.print(out, s);
    }
    if (!data.json) {
      out.println(
          "data build: ran "
              + result.summaries().size()
              + " stage(s), skipped "
              + result.skipped().size()
              + (result.skipped().isEmpty() ? "" : " (" + String.join(", ", result.skipped()) + ")")
              + "; files in "
              + data.out);
    }
    out.flush();
    return CommandLine.ExitCode.OK;
  }
}

package ai.brandtune.cli;

import ai.brandtune.synth.CleanStage;
import ai.brandtune.synth.RejectsStage;
import ai.brandtune.synth.SynthConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune data rejects}: rejected variants for preference training. */
@Command(
    name = "rejects",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Write preferences.jsonl: rejected variants (weak, exaggerated, fabricated, in the"
            + " configured mix) for every cleaned copy, each verified by the brand checks.")
final class DataRejectsCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin DataOptions data;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description = "Chosen copies (JSONL); default: cleaned.jsonl in --out.")
  Path input;

  @Option(
      names = "--rejects-per-chosen",
      paramLabel = "N",
      description = "Rejected variants per chosen copy (config: rejects_per_chosen).")
  Integer perChosen;

  @Override
  public Integer call() {
    SynthConfig.Builder config = data.config().toBuilder();
    if (perChosen != null) {
      config.rejectsPerChosen(perChosen);
    }
    Path in = input != null ? input : data.out.resolve(CleanStage.OUTPUT);
    data.print(spec.commandLine().getOut(), RejectsStage.run(config.build(), in, data.out));
    return CommandLine.ExitCode.OK;
  }
}

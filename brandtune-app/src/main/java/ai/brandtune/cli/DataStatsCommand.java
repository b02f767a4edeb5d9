package ai.brandtune.cli;

import ai.brandtune.synth.DataDir;
import ai.brandtune.synth.DataStats;
import ai.brandtune.synth.StatsStage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code brandtune data stats}: a table per content type. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Per content type: copies (train/val), length min/median/max, brand-check pass rate,"
            + " preference records and their rejected-type mix; also written to stats.json.")
final class DataStatsCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin DataOptions data;

  @Override
  public Integer call() throws IOException {
    StatsStage stage = new StatsStage(data.config());
    stage.run(data.out);
    PrintWriter out = spec.commandLine().getOut();
    if (data.json) {
      out.print(Files.readString(data.out.resolve(DataDir.STATS)));
    } else {
      DataStats stats = stage.compute(data.out);
      out.println("source: " + stats.source());
      stats.table().forEach(out::println);
    }
    out.flush();
    return CommandLine.ExitCode.OK;
  }
}

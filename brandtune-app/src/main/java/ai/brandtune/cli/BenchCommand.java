package ai.brandtune.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code brandtune bench}: throughput measurements; the work is in its subcommands. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Measure throughput: generation (prefill and decode), training passes, SFT optimizer"
            + " steps with their peak memory, reward models, and GRPO steps.",
    subcommands = {
      BenchGenerateCommand.class,
      BenchForwardCommand.class,
      BenchSftCommand.class,
      BenchRmCommand.class,
      BenchGrpoCommand.class,
      BenchServeCommand.class
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }
}

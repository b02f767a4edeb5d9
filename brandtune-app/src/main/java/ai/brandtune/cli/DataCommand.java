package ai.brandtune.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code brandtune data}: the data-synthesis stages; the work is in their subcommands. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Make training data from a brand kit: generate, clean, rejects, split, export, validate,"
          + " stats, or build to run them all in order (resuming where a previous build stopped).",
      "Every stage reads and writes files in --out DIR; keys of --config are in docs/data.md."
    },
    subcommands = {
      DataGenerateCommand.class,
      DataCleanCommand.class,
      DataRejectsCommand.class,
      DataSplitCommand.class,
      DataExportCommand.class,
      DataValidateCommand.class,
      DataStatsCommand.class,
      DataBuildCommand.class
    })
final class DataCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }
}

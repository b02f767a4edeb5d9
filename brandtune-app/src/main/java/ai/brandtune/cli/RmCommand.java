package ai.brandtune.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code brandtune rm}: use a trained reward model; the work is in its subcommands. */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Use a reward model: eval (accuracy on preference data, by rejected type, with a score"
            + " histogram) and score (rewards of copies).",
    subcommands = {RmEvalCommand.class, RmScoreCommand.class})
final class RmCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }
}

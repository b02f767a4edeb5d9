package ai.brandtune.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code brandtune train}: the training algorithms; the work is in their subcommands. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Train a model: sft (supervised fine-tuning), rm (a Bradley-Terry reward model), dpo"
            + " (direct preference optimization); LoRA or full; grpo (group-relative policy"
            + " optimization, LoRA).",
    subcommands = {
      TrainSftCommand.class,
      TrainRmCommand.class,
      TrainDpoCommand.class,
      TrainGrpoCommand.class
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }
}

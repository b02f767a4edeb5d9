package ai.brandtune.cli;

import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainingResult;
import ai.brandtune.train.sft.SftConfig;
import ai.brandtune.train.sft.SftTrainer;
import picocli.CommandLine.Command;

/**
 * {@code brandtune train sft}: supervised fine-tuning from a YAML config (keys as TRL and
 * LLaMA-Factory name them, all documented in docs/training.md), resumable, Ctrl-C safe.
 */
@Command(
    name = "sft",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Supervised fine-tuning (LoRA or full) on chat JSONL. Ctrl-C saves a checkpoint;"
            + " --resume continues from the newest one.")
final class TrainSftCommand extends TrainingCommand<SftConfig, TrainingResult> {
  @Override
  Class<SftConfig> configType() {
    return SftConfig.class;
  }

  @Override
  TrainingResult train(SftConfig config, StopSignal stop) {
    return SftTrainer.run(config, stop);
  }

  @Override
  TrainingResult training(TrainingResult result) {
    return result;
  }
}

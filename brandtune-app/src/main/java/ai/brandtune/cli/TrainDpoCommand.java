package ai.brandtune.cli;

import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainingResult;
import ai.brandtune.train.dpo.DpoConfig;
import ai.brandtune.train.dpo.DpoTrainer;
import picocli.CommandLine.Command;

/**
 * {@code brandtune train dpo}: direct preference optimization from a YAML config (TRL's DPO keys,
 * all documented in docs/training.md), resumable, Ctrl-C safe.
 */
@Command(
    name = "dpo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Direct preference optimization (LoRA or full) on preference JSONL"
            + " (prompt, chosen, rejected). Ctrl-C saves a checkpoint; --resume continues from"
            + " the newest one.")
final class TrainDpoCommand extends TrainingCommand<DpoConfig, TrainingResult> {
  @Override
  Class<DpoConfig> configType() {
    return DpoConfig.class;
  }

  @Override
  TrainingResult train(DpoConfig config, StopSignal stop) {
    return DpoTrainer.run(config, stop);
  }

  @Override
  TrainingResult training(TrainingResult result) {
    return result;
  }
}

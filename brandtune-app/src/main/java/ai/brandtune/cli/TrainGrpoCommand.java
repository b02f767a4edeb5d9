package ai.brandtune.cli;

import ai.brandtune.rewards.BrandRewards;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainingResult;
import ai.brandtune.train.grpo.GrpoConfig;
import ai.brandtune.train.grpo.GrpoTrainer;
import ai.brandtune.train.grpo.GrpoTrainingResult;
import ai.brandtune.train.grpo.RewardRegistry;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code brandtune train grpo}: group-relative policy optimization from a YAML config (TRL's GRPO
 * keys, all documented in docs/training.md) with the reward functions of core (reward model, GSM8K)
 * and of the brand kit, resumable, Ctrl-C safe.
 */
@Command(
    name = "grpo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Group-relative policy optimization of a LoRA policy on prompt JSONL, rewarded by"
            + " reward_funcs (reward_model, brand_*, gsm8k_*). Ctrl-C saves a checkpoint;"
            + " --resume continues from the newest one.")
final class TrainGrpoCommand extends TrainingCommand<GrpoConfig, GrpoTrainingResult> {
  /** Every reward function the app knows: core's and the brand kit's. */
  static RewardRegistry rewards() {
    return BrandRewards.addTo(RewardRegistry.builtIn());
  }

  @Override
  Class<GrpoConfig> configType() {
    return GrpoConfig.class;
  }

  @Override
  GrpoTrainingResult train(GrpoConfig config, StopSignal stop) {
    return GrpoTrainer.run(config, rewards(), stop);
  }

  @Override
  TrainingResult training(GrpoTrainingResult result) {
    return result.training();
  }

  @Override
  String evaluation(GrpoTrainingResult result) {
    List<Double> rewards = result.meanRewards();
    return rewards.isEmpty()
        ? ""
        : String.format(Locale.ROOT, ", mean reward %.4f", rewards.get(rewards.size() - 1));
  }
}

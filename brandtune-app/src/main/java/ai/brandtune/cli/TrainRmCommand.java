package ai.brandtune.cli;

import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainingResult;
import ai.brandtune.train.reward.RewardConfig;
import ai.brandtune.train.reward.RewardEvaluation;
import ai.brandtune.train.reward.RewardTrainer;
import ai.brandtune.train.reward.RewardTrainingResult;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code brandtune train rm}: reward-model training from a YAML config (TRL RewardConfig keys, all
 * documented in docs/training.md), resumable, Ctrl-C safe.
 */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    resourceBundle = "ai.brandtune.cli.TrainRmCommand",
    description = {
      "Train a reward model (Bradley-Terry, or one-vs-many: softmax, hardest_negative) on"
          + " preference JSONL, LoRA or full. Saves a *ForSequenceClassification checkpoint or a"
          + " PEFT SEQ_CLS adapter.",
      "Ctrl-C saves a checkpoint; --resume continues from the newest one."
    })
final class TrainRmCommand extends TrainingCommand<RewardConfig, RewardTrainingResult> {
  @Override
  Class<RewardConfig> configType() {
    return RewardConfig.class;
  }

  @Override
  RewardTrainingResult train(RewardConfig config, StopSignal stop) {
    return RewardTrainer.run(config, stop);
  }

  @Override
  TrainingResult training(RewardTrainingResult result) {
    return result.training();
  }

  /** Pairwise accuracy instead of the loss: what a reward model is judged by. */
  @Override
  String evaluation(RewardTrainingResult result) {
    RewardEvaluation.Report eval = result.evaluation();
    return eval == null
        ? ""
        : String.format(
            Locale.ROOT,
            ", eval accuracy %.4f (best-of-K %.4f, margin %.3f)",
            eval.accuracy(),
            eval.bestOfKAccuracy(),
            eval.margin());
  }
}

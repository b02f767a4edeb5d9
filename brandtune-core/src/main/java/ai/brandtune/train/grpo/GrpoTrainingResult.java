package ai.brandtune.train.grpo;

import ai.brandtune.train.TrainingResult;
import java.util.List;

/**
 * How a GRPO run ended: the shared loop's result (step losses, checkpoint, stop) plus what GRPO
 * adds per step this call ran.
 *
 * @param training steps, losses (mean over the step's updates), last checkpoint, stop
 * @param meanRewards each step's mean total reward over its completions
 * @param kl each step's mean per-token k3 KL to the reference, NaN when {@code beta == 0}
 * @param referenceForwards reference forward passes this call ran (0 when {@code beta == 0})
 */
public record GrpoTrainingResult(
    TrainingResult training, List<Double> meanRewards, List<Double> kl, long referenceForwards) {
  public GrpoTrainingResult {
    meanRewards = List.copyOf(meanRewards);
    kl = List.copyOf(kl);
  }
}

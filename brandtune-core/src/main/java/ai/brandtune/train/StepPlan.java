package ai.brandtune.train;

import ai.brandtune.BrandtuneException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps optimizer steps to micro-batches. An epoch of {@code n} micro-batches takes {@code ceil(n /
 * accumulation)} steps, the last one possibly shorter, as in transformers' Trainer; {@code maxSteps
 * > 0} overrides the epoch count and cycles through further epochs as needed.
 */
public record StepPlan(int batchesPerEpoch, int accumulation, int epochs, int maxSteps) {

  public StepPlan {
    if (batchesPerEpoch < 1) {
      throw new BrandtuneException("the training set yields no batches");
    }
    if (accumulation < 1) {
      throw new BrandtuneException("gradient_accumulation_steps must be >= 1");
    }
    if (epochs < 1 && maxSteps < 1) {
      throw new BrandtuneException("set num_train_epochs >= 1 or max_steps >= 1");
    }
  }

  public int stepsPerEpoch() {
    return (batchesPerEpoch + accumulation - 1) / accumulation;
  }

  public int totalSteps() {
    return maxSteps > 0 ? maxSteps : epochs * stepsPerEpoch();
  }

  /** The epoch (0-based) that step {@code step} (0-based) belongs to. */
  public int epochOf(int step) {
    return step / stepsPerEpoch();
  }

  /** Fractional epochs completed after {@code steps} steps, as logged. */
  public double epochsAfter(int steps) {
    return (double) steps / stepsPerEpoch();
  }

  /** The micro-batches of step {@code step}, as (epoch, index) pairs. */
  public List<int[]> microBatches(int step) {
    int epoch = epochOf(step);
    int first = (step % stepsPerEpoch()) * accumulation;
    int last = Math.min(first + accumulation, batchesPerEpoch);
    List<int[]> out = new ArrayList<>(last - first);
    for (int i = first; i < last; i++) {
      out.add(new int[] {epoch, i});
    }
    return out;
  }
}

package ai.brandtune.train.grpo;

import java.util.ArrayList;
import java.util.List;

/**
 * One named reward for GRPO: a number per completion, or null to abstain (the function does not
 * apply to this sample, e.g. a call-to-action rule on a content type without one). The trainer
 * weighs the functions with {@code reward_weights}, sums the non-abstaining ones, and logs each
 * function's mean and standard deviation under {@code rewards/<name>/...}.
 *
 * <p>Implementations run on the training thread; a function that holds native resources (a reward
 * model) frees them in {@link #close}.
 */
public interface RewardFunction extends AutoCloseable {
  /** The name used in {@code reward_funcs} and in the metrics. */
  String name();

  /** The reward of one completion, or null to abstain. */
  Double score(RewardSample sample);

  /**
   * The rewards of a whole generation batch, in order (null entries abstain). The default scores
   * one at a time; a model-backed function overrides it to batch its forward passes.
   */
  default List<Double> scoreAll(List<RewardSample> samples) {
    List<Double> out = new ArrayList<>(samples.size());
    for (RewardSample s : samples) {
      out.add(score(s));
    }
    return out;
  }

  @Override
  default void close() {}
}

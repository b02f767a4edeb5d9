package ai.brandtune.train.grpo;

/**
 * Group-relative advantages, as TRL computes them: each reward minus its group's mean, divided by
 * the group's (or the whole batch's) sample standard deviation plus {@link #EPSILON}, or not
 * divided at all. A group whose rewards are all equal teaches nothing: its advantages are exactly
 * zero, and it is flagged so the metrics can report the fraction of such groups.
 */
public final class Advantages {
  /** TRL's constant added to the standard deviation. */
  public static final double EPSILON = 1e-4;

  private static final double ZERO_SPREAD = 1e-8; // torch.isclose(std, 0)'s absolute tolerance

  private Advantages() {}

  /**
   * @param advantages one per completion, in the rewards' order
   * @param groupStd each group's sample standard deviation (n - 1 in the denominator)
   * @param zeroSpread whether each group's rewards were all equal
   */
  public record Result(double[] advantages, double[] groupStd, boolean[] zeroSpread) {
    public double zeroSpreadFraction() {
      int n = 0;
      for (boolean z : zeroSpread) {
        n += z ? 1 : 0;
      }
      return zeroSpread.length == 0 ? 0 : (double) n / zeroSpread.length;
    }
  }

  /**
   * @param rewards completions' total rewards, grouped: {@code groupSize} consecutive completions
   *     share a prompt
   */
  public static Result compute(double[] rewards, int groupSize, ScaleRewards scale) {
    if (groupSize < 2 || rewards.length % groupSize != 0) {
      throw new IllegalArgumentException(
          rewards.length + " rewards do not split into groups of " + groupSize);
    }
    int groups = rewards.length / groupSize;
    double[] advantages = new double[rewards.length];
    double[] groupStd = new double[groups];
    boolean[] zero = new boolean[groups];
    double batchStd = std(rewards, 0, rewards.length);
    for (int g = 0; g < groups; g++) {
      int from = g * groupSize;
      double mean = mean(rewards, from, from + groupSize);
      groupStd[g] = std(rewards, from, from + groupSize);
      zero[g] = groupStd[g] <= ZERO_SPREAD;
      double divisor =
          switch (scale) {
            case GROUP -> groupStd[g] + EPSILON;
            case BATCH -> batchStd + EPSILON;
            case NONE -> 1.0;
          };
      for (int i = from; i < from + groupSize; i++) {
        advantages[i] = (rewards[i] - mean) / divisor;
      }
    }
    return new Result(advantages, groupStd, zero);
  }

  static double mean(double[] v, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += v[i];
    }
    return to > from ? s / (to - from) : 0;
  }

  /** Sample standard deviation (Bessel-corrected, like torch.std); 0 for fewer than 2 values. */
  static double std(double[] v, int from, int to) {
    int n = to - from;
    if (n < 2) {
      return 0;
    }
    double mean = mean(v, from, to);
    double ss = 0;
    for (int i = from; i < to; i++) {
      ss += (v[i] - mean) * (v[i] - mean);
    }
    return Math.sqrt(ss / (n - 1));
  }
}

package ai.brandtune.report;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded percentile bootstrap of a mean over prompts: {@code resamples} times, draw n values with
 * replacement ({@code new Random(seed)}, {@code nextInt(n)} per draw, in order), take the mean; the
 * 95% interval is the sorted means at indices {@code floor(0.025 B)} and {@code ceil(0.975 B) - 1}.
 * The same seed gives the same interval, so reports are reproducible and testable.
 */
public final class Bootstrap {
  public static final int DEFAULT_RESAMPLES = 1000;
  public static final long DEFAULT_SEED = 1234;

  private Bootstrap() {}

  /** A value and its 95% interval. */
  public record Interval(double value, double low, double high) {}

  public static Interval mean(double[] values, int resamples, long seed) {
    int n = values.length;
    double mean = Arrays.stream(values).average().orElse(Double.NaN);
    if (n == 0) {
      return new Interval(Double.NaN, Double.NaN, Double.NaN);
    }
    Random rng = new Random(seed);
    double[] means = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += values[rng.nextInt(n)];
      }
      means[b] = sum / n;
    }
    Arrays.sort(means);
    int lo = (int) Math.floor(0.025 * resamples);
    int hi = (int) Math.ceil(0.975 * resamples) - 1;
    return new Interval(mean, means[lo], means[hi]);
  }
}

package ai.brandtune.cli;

import java.util.Arrays;

/** Wall-clock timing and the median of repeated runs (robust to one slow outlier). */
final class Stopwatch {
  private Stopwatch() {}

  static double seconds(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e9;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}

package ai.brandtune.judge;

import ai.brandtune.BrandtuneException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures of a judge's own reliability: does it rank known-good above known-bad copies (per kind
 * of flaw), does it agree with itself, does it use the scale, does it agree with another judge. A
 * judge that scores everything 4.4-4.9 shows up here as a tiny spread and near-chance accuracy.
 */
public final class JudgeReliability {
  private JudgeReliability() {}

  /** A chosen and a rejected copy scored by the judge, with the rejected copy's kind of flaw. */
  public record Pair(String rejectedType, double chosen, double rejected) {}

  /** Per rejected type: pairs, how many ranked chosen strictly above rejected, the accuracy. */
  public record TypeAccuracy(String type, int pairs, int correct) {
    public double accuracy() {
      return pairs == 0 ? Double.NaN : correct / (double) pairs;
    }
  }

  /** Chosen-over-rejected accuracy per rejected type; a tie counts as wrong (no discrimination). */
  public static Map<String, TypeAccuracy> accuracyByType(List<Pair> pairs) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (Pair p : pairs) {
      int[] c = counts.computeIfAbsent(p.rejectedType(), k -> new int[2]);
      c[0]++;
      c[1] += p.chosen() > p.rejected() ? 1 : 0;
    }
    Map<String, TypeAccuracy> out = new LinkedHashMap<>();
    counts.forEach((k, c) -> out.put(k, new TypeAccuracy(k, c[0], c[1])));
    return out;
  }

  /** Two scorings of the same items: share scored identically and mean absolute difference. */
  public record Consistency(int items, double exactAgreement, double meanAbsoluteDifference) {}

  public static Consistency selfConsistency(double[] first, double[] second) {
    requireSameLength(first, second);
    int same = 0;
    double diff = 0;
    for (int i = 0; i < first.length; i++) {
      same += first[i] == second[i] ? 1 : 0;
      diff += Math.abs(first[i] - second[i]);
    }
    int n = first.length;
    return new Consistency(
        n, n == 0 ? Double.NaN : same / (double) n, n == 0 ? Double.NaN : diff / n);
  }

  /** How much of the scale a judge uses: population standard deviation and distinct values. */
  public record Spread(int items, double mean, double standardDeviation, int distinctScores) {}

  public static Spread spread(double[] scores) {
    int n = scores.length;
    if (n == 0) {
      return new Spread(0, Double.NaN, Double.NaN, 0);
    }
    double mean = Arrays.stream(scores).average().orElse(Double.NaN);
    double ss = 0;
    for (double s : scores) {
      ss += (s - mean) * (s - mean);
    }
    return new Spread(n, mean, Math.sqrt(ss / n), (int) Arrays.stream(scores).distinct().count());
  }

  /** Spearman's rank correlation (ties get their average rank, then Pearson on the ranks). */
  public static double spearman(double[] x, double[] y) {
    requireSameLength(x, y);
    return pearson(ranks(x), ranks(y));
  }

  /**
   * Cohen's kappa with quadratic weights between two ratings on the integer scale [min, max]: 1 -
   * sum(w*observed) / sum(w*expected), w = (i-j)^2 / (k-1)^2.
   */
  public static double quadraticWeightedKappa(int[] a, int[] b, int min, int max) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("ratings differ in length");
    }
    int k = max - min + 1;
    int n = a.length;
    double[][] observed = new double[k][k];
    double[] rowA = new double[k];
    double[] rowB = new double[k];
    for (int i = 0; i < n; i++) {
      int x = a[i] - min;
      int y = b[i] - min;
      if (x < 0 || x >= k || y < 0 || y >= k) {
        throw new IllegalArgumentException("rating outside [" + min + ", " + max + "]");
      }
      observed[x][y]++;
      rowA[x]++;
      rowB[y]++;
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double w = (i - j) * (i - j) / (double) ((k - 1) * (k - 1));
        num += w * observed[i][j];
        den += w * rowA[i] * rowB[j] / n;
      }
    }
    return den == 0 ? Double.NaN : 1 - num / den;
  }

  /** Maps a [0, 1] score (the brand-rule total) onto the judge's 1-5 scale for kappa. */
  public static int toFivePoint(double unitScore) {
    return (int) Math.max(1, Math.min(5, Math.round(1 + 4 * unitScore)));
  }

  static double[] ranks(double[] v) {
    int n = v.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (p, q) -> Double.compare(v[p], v[q]));
    double[] r = new double[n];
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && v[idx[j + 1]] == v[idx[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        r[idx[t]] = avg;
      }
      i = j + 1;
    }
    return r;
  }

  static double pearson(double[] x, double[] y) {
    int n = x.length;
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  private static void requireSameLength(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new BrandtuneException("judge reliability: the two score lists differ in length");
    }
  }
}

package ai.brandtune.train.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well a reward model separates chosen from rejected copies, computed from its scores: the
 * numbers a brand owner reads before trusting it in GRPO (RewardBench 2's best-of-K, a breakdown
 * per kind of defect, and the length bias of the rewards).
 *
 * <ul>
 *   <li>{@code accuracy}: over all (chosen, rejected) pairs, the fraction where the chosen scores
 *       strictly higher (ties count as wrong, as in TRL);
 *   <li>{@code accuracy/<type>}: the same per {@code rejected_type} ({@code untyped} when absent);
 *   <li>{@code best_of_k_accuracy}: over examples, the fraction whose chosen beats every rejected
 *       ({@code best_of_k_random} is what random scores would get: the mean of 1/(k+1));
 *   <li>{@code margin}: the mean of r_chosen - r_rejected over pairs;
 *   <li>{@code length_correlation}: Pearson's r between the chosen copies' rewards and lengths in
 *       characters; near 0 is what an RM free of length bias shows.
 * </ul>
 */
public final class RewardEvaluation {
  /** The type name reported for rejected copies without a {@code rejected_type}. */
  public static final String UNTYPED = "untyped";

  private RewardEvaluation() {}

  /**
   * One example's scores.
   *
   * @param chosen the chosen copy's reward
   * @param rejected each rejected copy's reward
   * @param rejectedTypes each rejected copy's type, {@code ""} when unknown
   * @param chosenChars the chosen copy's length in characters
   */
  public record Scored(
      double chosen, double[] rejected, List<String> rejectedTypes, int chosenChars) {
    public Scored {
      rejectedTypes = List.copyOf(rejectedTypes);
      if (rejected.length == 0 || rejected.length != rejectedTypes.size()) {
        throw new IllegalArgumentException("one type per rejected score, at least one");
      }
    }
  }

  /** Accuracy over the pairs of one rejected type. */
  public record TypeAccuracy(int pairs, int correct) {
    public double accuracy() {
      return pairs == 0 ? Double.NaN : (double) correct / pairs;
    }
  }

  /**
   * The evaluation of a set of scored examples.
   *
   * @param lengthCorrelation NaN when undefined (fewer than two examples, or constant lengths or
   *     rewards)
   */
  public record Report(
      int examples,
      int pairs,
      double accuracy,
      Map<String, TypeAccuracy> byType,
      double bestOfKAccuracy,
      double bestOfKRandom,
      double margin,
      double meanChosen,
      double meanRejected,
      double lengthCorrelation) {

    /**
     * The report as a metrics record (NaN written as null, which JSON can hold), in the order of
     * {@link RewardEvaluation}'s list.
     */
    public Map<String, Object> metrics() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("accuracy", finite(accuracy));
      byType.forEach((type, a) -> m.put("accuracy/" + type, finite(a.accuracy())));
      m.put("best_of_k_accuracy", finite(bestOfKAccuracy));
      m.put("best_of_k_random", finite(bestOfKRandom));
      m.put("margin", finite(margin));
      m.put("mean_chosen", finite(meanChosen));
      m.put("mean_rejected", finite(meanRejected));
      m.put("length_correlation", finite(lengthCorrelation));
      m.put("examples", examples);
      m.put("pairs", pairs);
      return m;
    }

    private static Double finite(double v) {
      return Double.isFinite(v) ? v : null;
    }
  }

  public static Report of(List<Scored> scored) {
    int pairs = 0;
    int correct = 0;
    int bestOfK = 0;
    double random = 0;
    double marginSum = 0;
    double chosenSum = 0;
    double rejectedSum = 0;
    Map<String, int[]> types = new TreeMap<>();
    for (Scored s : scored) {
      boolean beatsAll = true;
      for (int j = 0; j < s.rejected().length; j++) {
        double r = s.rejected()[j];
        boolean win = s.chosen() > r;
        String type = s.rejectedTypes().get(j).isBlank() ? UNTYPED : s.rejectedTypes().get(j);
        int[] t = types.computeIfAbsent(type, k -> new int[2]);
        t[0]++;
        t[1] += win ? 1 : 0;
        pairs++;
        correct += win ? 1 : 0;
        beatsAll &= win;
        marginSum += s.chosen() - r;
        rejectedSum += r;
      }
      bestOfK += beatsAll ? 1 : 0;
      random += 1.0 / (s.rejected().length + 1);
      chosenSum += s.chosen();
    }
    Map<String, TypeAccuracy> byType = new LinkedHashMap<>();
    types.forEach((type, t) -> byType.put(type, new TypeAccuracy(t[0], t[1])));
    int n = scored.size();
    double[] rewards = new double[n];
    double[] lengths = new double[n];
    for (int i = 0; i < n; i++) {
      rewards[i] = scored.get(i).chosen();
      lengths[i] = scored.get(i).chosenChars();
    }
    return new Report(
        n,
        pairs,
        pairs == 0 ? Double.NaN : (double) correct / pairs,
        byType,
        n == 0 ? Double.NaN : (double) bestOfK / n,
        n == 0 ? Double.NaN : random / n,
        pairs == 0 ? Double.NaN : marginSum / pairs,
        n == 0 ? Double.NaN : chosenSum / n,
        pairs == 0 ? Double.NaN : rejectedSum / pairs,
        pearson(rewards, lengths));
  }

  /** Pearson's correlation coefficient; NaN for fewer than two values or a constant series. */
  public static double pearson(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i] / n;
      my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  /** The chosen rewards, then the rejected ones, for histograms. */
  static List<List<Double>> chosenAndRejected(List<Scored> scored) {
    List<Double> chosen = new ArrayList<>();
    List<Double> rejected = new ArrayList<>();
    for (Scored s : scored) {
      chosen.add(s.chosen());
      for (double r : s.rejected()) {
        rejected.add(r);
      }
    }
    return List.of(chosen, rejected);
  }
}

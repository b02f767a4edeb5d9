package ai.brandtune.judge;

import java.util.HashMap;
import java.util.Map;

/**
 * Character n-gram F-score (chrF, Popović 2015) of a copy against the golden copy: character
 * n-grams of orders 1-6 with whitespace removed, precision and recall averaged over the orders both
 * texts have n-grams of, combined as F-beta with beta = 2 (recall weighs four times as much),
 * scaled to 0-100. This is plain chrF (no word n-grams, unlike chrF++), the same definition
 * sacrebleu uses by default. It measures closeness to the reference, not quality: a copy better
 * than the golden one scores lower, so it is reported beside the judges, never alone.
 */
public final class Chrf {
  public static final int ORDER = 6;
  public static final double BETA = 2.0;

  private Chrf() {}

  /** chrF of {@code hypothesis} against {@code reference}, 0-100. */
  public static double score(String hypothesis, String reference) {
    int[] hyp = codePoints(hypothesis);
    int[] ref = codePoints(reference);
    double precisionSum = 0;
    double recallSum = 0;
    int effective = 0;
    for (int n = 1; n <= ORDER; n++) {
      Map<String, Integer> h = ngrams(hyp, n);
      Map<String, Integer> r = ngrams(ref, n);
      int hypTotal = hyp.length - n + 1;
      int refTotal = ref.length - n + 1;
      if (hypTotal <= 0 || refTotal <= 0) {
        continue;
      }
      int matches = 0;
      for (var e : h.entrySet()) {
        matches += Math.min(e.getValue(), r.getOrDefault(e.getKey(), 0));
      }
      precisionSum += matches / (double) hypTotal;
      recallSum += matches / (double) refTotal;
      effective++;
    }
    if (effective == 0) {
      return 0;
    }
    double p = precisionSum / effective;
    double r = recallSum / effective;
    double b2 = BETA * BETA;
    if (p + r == 0) {
      return 0;
    }
    return 100 * (1 + b2) * p * r / (b2 * p + r);
  }

  private static int[] codePoints(String s) {
    return s.codePoints().filter(c -> !Character.isWhitespace(c)).toArray();
  }

  private static Map<String, Integer> ngrams(int[] cps, int n) {
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i + n <= cps.length; i++) {
      out.merge(new String(cps, i, n), 1, Integer::sum);
    }
    return out;
  }
}

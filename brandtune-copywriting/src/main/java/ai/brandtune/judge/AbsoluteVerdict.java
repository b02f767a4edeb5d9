package ai.brandtune.judge;

import java.util.List;
import java.util.Map;

/**
 * The LLM judge's verdict on one copy: the flaws it listed (before scoring, so the scores follow
 * from them), an integer 1-5 per rubric dimension, and a short rationale.
 *
 * @param capped dimensions whose score a rubric hard cap lowered, with the cap's condition
 */
public record AbsoluteVerdict(
    List<String> flaws, Map<String, Integer> scores, String rationale, Map<String, String> capped) {
  public AbsoluteVerdict {
    flaws = List.copyOf(flaws);
    scores = Map.copyOf(scores);
    capped = Map.copyOf(capped);
  }

  /** Mean of the dimension scores. */
  public double mean() {
    return scores.values().stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
  }
}

package ai.brandtune.judge;

import java.util.List;
import java.util.Map;

/**
 * One comparison judged in two orders. The winner stands only when both orders pick the same
 * candidate; otherwise it is a tie and counts toward the position-bias rate.
 *
 * @param winner the candidate both orders picked, or null for a tie (or a failure)
 * @param positionFlip whether the two orders picked different candidates
 * @param scores per candidate and dimension, the mean over both orders (capped as the rubric says)
 * @param orders the candidate names in each presentation order (position 1 first)
 * @param failure why the comparison failed, or null
 */
public record ComparativeOutcome(
    String id,
    String winner,
    boolean positionFlip,
    Map<String, Map<String, Double>> scores,
    Map<String, List<String>> flaws,
    List<List<String>> orders,
    String failure) {

  public boolean ok() {
    return failure == null;
  }

  public boolean tie() {
    return ok() && winner == null;
  }
}

package ai.brandtune.judge;

import java.util.List;
import java.util.Map;

/**
 * One offline judge's score of one copy.
 *
 * @param judge the judge id ({@code brand_rules}, {@code facts}, {@code reward_model}, {@code
 *     chrf})
 * @param score the headline number (see {@link OfflineJudges} for each judge's scale)
 * @param dimensions component scores, by name
 * @param violations brand-rule violations by kind ({@code banned}, {@code missing_cta}, {@code
 *     unsupported_facts}, {@code over_length}); empty for judges that do not check rules
 * @param flaws what the judge found, in words
 */
public record OfflineScore(
    String judge,
    double score,
    Map<String, Double> dimensions,
    Map<String, Boolean> violations,
    List<String> flaws) {
  public OfflineScore {
    dimensions = Map.copyOf(dimensions);
    violations = Map.copyOf(violations);
    flaws = List.copyOf(flaws);
  }
}

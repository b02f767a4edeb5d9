package ai.brandtune.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One judge's verdict on one model's copy for one prompt: a line of {@code results.jsonl}.
 *
 * @param run the eval run's name
 * @param promptId the prompt's id within the prompt file ({@code p0001}, ... by line, or the
 *     prompt's own {@code meta.id})
 * @param group the content-type group (the channel id: social_note, ecommerce, ad)
 * @param status {@code ok}, or {@code failed} when the judge gave no valid verdict
 * @param score the judge's headline number (null when failed): brand_rules 0-1, facts 0/1, chrf
 *     0-100, reward_model the model's raw score, llm and llm_comparative the mean of the dimension
 *     scores 1-5
 * @param dimensions per-dimension scores
 * @param violations brand-rule violations by kind (brand_rules rows)
 * @param flaws what the judge found
 * @param rationale the judge's summary
 * @param error why the judge failed, or null
 * @param output the copy judged
 * @param length the copy's length in non-whitespace characters
 * @param best comparative rows: whether this model was the winner both orders agreed on
 * @param positionFlip comparative rows: whether the two presentation orders picked different
 *     winners (the comparison is then a tie)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultRow(
    String run,
    String promptId,
    String productId,
    String contentType,
    String group,
    String model,
    String judge,
    String status,
    Double score,
    Map<String, Double> dimensions,
    Map<String, Boolean> violations,
    List<String> flaws,
    String rationale,
    String error,
    String output,
    int length,
    Boolean best,
    Boolean positionFlip) {
  public static final String OK = "ok";
  public static final String FAILED = "failed";

  public ResultRow {
    dimensions = dimensions == null ? Map.of() : new TreeMap<>(dimensions);
    violations = violations == null ? Map.of() : new TreeMap<>(violations);
    flaws = flaws == null ? List.of() : List.copyOf(flaws);
  }

  public boolean ok() {
    return OK.equals(status) && score != null;
  }

  /** Non-whitespace characters, the length the brand kit's limits count. */
  public static int lengthOf(String text) {
    return (int) text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
  }
}

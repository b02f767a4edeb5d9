package ai.brandtune.eval;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an eval run wrote and its headline numbers.
 *
 * @param results {@code results.jsonl}, one row per prompt x model x judge
 * @param resultsCsv the same rows as CSV
 * @param outputs {@code outputs.jsonl}, each model's copy per prompt
 * @param report the report's {@code report.html}
 * @param models per model, in config order
 */
public record EvalResult(
    Path results, Path resultsCsv, Path outputs, Path report, Map<String, ModelSummary> models) {
  public EvalResult {
    models = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
  }

  /**
   * One model's numbers.
   *
   * @param meanBrandScore mean brand-rule score (0-1), NaN when brand_rules did not run
   * @param meanByJudge mean headline score per judge (valid rows only)
   * @param failed rows whose judge gave no verdict
   */
  public record ModelSummary(
      String model,
      int prompts,
      double meanBrandScore,
      Map<String, Double> meanByJudge,
      int failed) {
    public ModelSummary {
      meanByJudge = Map.copyOf(meanByJudge);
    }
  }
}

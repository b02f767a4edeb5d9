package ai.brandtune.llm;

import java.util.List;
import java.util.Locale;

/**
 * Requests, tokens and estimated cost so far, per model and in total. Tokens and cost count only
 * answers paid for in this process; answers from the cache are counted as cache hits. A model with
 * no entry in {@code prices} has a null cost and is named in {@link #unpricedModels()}.
 *
 * @param models one row per model, sorted by name
 * @param currency the unit of the costs
 */
public record UsageReport(List<ModelUsage> models, String currency) {

  public UsageReport {
    models = List.copyOf(models);
  }

  /**
   * One model's counters.
   *
   * @param requestsSent HTTP attempts, retries included
   * @param responses answers received and used
   * @param cacheHits answers read from the cache instead
   * @param failures requests that gave up
   * @param estimatedCost from the price table, or null when the model has no price
   */
  public record ModelUsage(
      String model,
      long requestsSent,
      long responses,
      long cacheHits,
      long failures,
      long promptTokens,
      long completionTokens,
      Double estimatedCost) {}

  public long requestsSent() {
    return models.stream().mapToLong(ModelUsage::requestsSent).sum();
  }

  public long responses() {
    return models.stream().mapToLong(ModelUsage::responses).sum();
  }

  public long cacheHits() {
    return models.stream().mapToLong(ModelUsage::cacheHits).sum();
  }

  public long failures() {
    return models.stream().mapToLong(ModelUsage::failures).sum();
  }

  public long promptTokens() {
    return models.stream().mapToLong(ModelUsage::promptTokens).sum();
  }

  public long completionTokens() {
    return models.stream().mapToLong(ModelUsage::completionTokens).sum();
  }

  /** The estimated cost of the priced models. */
  public double estimatedCost() {
    return models.stream()
        .filter(m -> m.estimatedCost() != null)
        .mapToDouble(ModelUsage::estimatedCost)
        .sum();
  }

  public List<String> unpricedModels() {
    return models.stream()
        .filter(m -> m.estimatedCost() == null && m.promptTokens() + m.completionTokens() > 0)
        .map(ModelUsage::model)
        .toList();
  }

  /** One line for logs and stage summaries. */
  public String summary() {
    String s =
        String.format(
            Locale.ROOT,
            "%d answers (%d from cache), %d failed, %d requests sent, %d prompt + %d completion"
                + " tokens, ~%.4f %s",
            responses() + cacheHits(),
            cacheHits(),
            failures(),
            requestsSent(),
            promptTokens(),
            completionTokens(),
            estimatedCost(),
            currency);
    List<String> unpriced = unpricedModels();
    return unpriced.isEmpty() ? s : s + " (no price for " + String.join(", ", unpriced) + ")";
  }
}

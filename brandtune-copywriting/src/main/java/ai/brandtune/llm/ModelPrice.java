package ai.brandtune.llm;

import ai.brandtune.BrandtuneException;

/**
 * What one model costs per million tokens, in the config's {@code currency}: prompt (input) and
 * completion (output) tokens, as providers publish them. Used only for the estimate in {@link
 * UsageReport}; the provider's bill is the truth (it may discount cached prompt prefixes or
 * off-peak hours).
 */
public record ModelPrice(Double promptPerMillion, Double completionPerMillion) {

  public ModelPrice {
    promptPerMillion = promptPerMillion == null ? 0.0 : promptPerMillion;
    completionPerMillion = completionPerMillion == null ? 0.0 : completionPerMillion;
    if (promptPerMillion < 0 || completionPerMillion < 0) {
      throw new BrandtuneException(
          "prices: prompt_per_million and completion_per_million must be >= 0");
    }
  }

  /** The estimated cost of these token counts. */
  public double cost(long promptTokens, long completionTokens) {
    return (promptTokens * promptPerMillion + completionTokens * completionPerMillion) / 1e6;
  }
}

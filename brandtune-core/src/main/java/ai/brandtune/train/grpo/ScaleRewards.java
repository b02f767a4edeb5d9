package ai.brandtune.train.grpo;

import ai.brandtune.BrandtuneException;
import java.util.Locale;

/**
 * What the centred rewards are divided by ({@code scale_rewards}, TRL's names): the group's
 * standard deviation, the whole batch's, or nothing (Dr. GRPO's advice: dividing by a small group's
 * std over-weights near-unanimous groups).
 */
public enum ScaleRewards {
  GROUP,
  BATCH,
  NONE;

  /** Parses {@code group}, {@code batch}, {@code none} (and TRL's booleans: true = group). */
  public static ScaleRewards parse(String value, String field) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "group", "true" -> GROUP;
      case "batch" -> BATCH;
      case "none", "false" -> NONE;
      default ->
          throw new BrandtuneException(
              field + ": unknown value '" + value + "' (use group, batch or none)");
    };
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}

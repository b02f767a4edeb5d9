package ai.brandtune.data;

import ai.brandtune.BrandtuneException;
import java.util.Locale;

/**
 * What happens to an encoded example longer than {@code max_length}: drop it, or keep its first
 * {@code max_length} tokens (TRL's {@code truncation_mode: keep_start}). A truncated example left
 * with no labelled token is dropped. Both are counted in the {@link SftEncodingReport}.
 */
public enum TruncationPolicy {
  DROP,
  TRUNCATE;

  /** Parses {@code drop} or {@code truncate}; {@code key} names the setting in the error. */
  public static TruncationPolicy parse(String value, String key) {
    if (value != null) {
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "drop":
          return DROP;
        case "truncate":
          return TRUNCATE;
        default:
          break;
      }
    }
    throw new BrandtuneException(key + ": expected drop or truncate, got " + value);
  }
}

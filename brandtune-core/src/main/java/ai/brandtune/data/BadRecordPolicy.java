package ai.brandtune.data;

import ai.brandtune.BrandtuneException;
import java.util.Locale;

/**
 * What a reader does with a record it cannot use (YAML {@code on_bad_record}): stop with an error
 * naming {@code file:line} and the reason, or skip it and count it by reason.
 */
public enum BadRecordPolicy {
  ERROR,
  SKIP;

  /** Parses {@code error} or {@code skip}; {@code key} names the setting in the error message. */
  public static BadRecordPolicy parse(String value, String key) {
    if (value != null) {
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "error":
          return ERROR;
        case "skip":
          return SKIP;
        default:
          break;
      }
    }
    throw new BrandtuneException(key + ": expected error or skip, got " + value);
  }
}

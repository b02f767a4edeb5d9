package ai.brandtune.train;

import ai.brandtune.BrandtuneException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Defaults and checks the training configs share for keys they all have ({@code finetuning_type},
 * {@code lora_target}, {@code on_bad_record}, {@code val_size}, counts), so each message reads the
 * same whichever algorithm reports it.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  /** {@code value}, or {@code fallback} when the key was absent. */
  public static <V> V orElse(V value, V fallback) {
    return value == null ? fallback : value;
  }

  /** Rejects a count below one, naming the key. */
  public static void requirePositive(String key, int value) {
    if (value < 1) {
      throw new BrandtuneException(key + ": must be >= 1, got " + value);
    }
  }

  /** {@code finetuning_type}, lowercased: {@code lora} (the default) or {@code full}. */
  public static String finetuningType(String value) {
    String type = orElse(value, "lora").toLowerCase(Locale.ROOT);
    if (!type.equals("lora") && !type.equals("full")) {
      throw new BrandtuneException("finetuning_type: '" + type + "' is not lora or full");
    }
    return type;
  }

  /** {@code lora_target}: {@code q_proj,v_proj} in one string or as a YAML list mean the same. */
  public static List<String> loraTarget(List<String> values) {
    if (values == null) {
      return List.of("all");
    }
    return values.stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .toList();
  }

  /** {@code on_bad_record}, lowercased: {@code error} (the default) or {@code skip}. */
  public static String onBadRecord(String value) {
    String policy = orElse(value, "error").toLowerCase(Locale.ROOT);
    if (!policy.equals("error") && !policy.equals("skip")) {
      throw new BrandtuneException("on_bad_record: '" + policy + "' is not error or skip");
    }
    return policy;
  }

  /** {@code val_size}: the held-out fraction, 0 (the default) up to but excluding 1. */
  public static double valSize(Double value) {
    double size = orElse(value, 0.0);
    if (size < 0 || size >= 1) {
      throw new BrandtuneException("val_size: " + size + " must be within [0, 1)");
    }
    return size;
  }
}

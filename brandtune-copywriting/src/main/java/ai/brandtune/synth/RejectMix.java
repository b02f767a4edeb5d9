package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The share of each rejected-variant type ({@code reject_mix} in {@code data.yaml}). Any
 * non-negative numbers; they are used as proportions of their sum. Default 0.5 / 0.3 / 0.2.
 */
public record RejectMix(Double weak, Double exaggerated, Double fabricated) {
  public static final RejectMix DEFAULT = new RejectMix(0.5, 0.3, 0.2);

  public RejectMix {
    weak = weak == null ? 0.0 : weak;
    exaggerated = exaggerated == null ? 0.0 : exaggerated;
    fabricated = fabricated == null ? 0.0 : fabricated;
    for (var e :
        Map.of("weak", weak, "exaggerated", exaggerated, "fabricated", fabricated).entrySet()) {
      if (!(e.getValue() >= 0) || e.getValue().isInfinite()) {
        throw new BrandtuneException(
            "reject_mix." + e.getKey() + ": must be a number >= 0, got " + e.getValue());
      }
    }
    if (weak + exaggerated + fabricated <= 0) {
      throw new BrandtuneException(
          "reject_mix: at least one of weak, exaggerated, fabricated must be > 0");
    }
  }

  /** The shares by type name, in the order weak, exaggerated, fabricated, summing to 1. */
  public Map<String, Double> shares() {
    double sum = weak + exaggerated + fabricated;
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(RejectType.WEAK.id(), weak / sum);
    m.put(RejectType.EXAGGERATED.id(), exaggerated / sum);
    m.put(RejectType.FABRICATED.id(), fabricated / sum);
    return m;
  }
}

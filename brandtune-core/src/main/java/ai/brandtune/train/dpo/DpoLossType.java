package ai.brandtune.train.dpo;

import ai.brandtune.BrandtuneException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The preference losses of {@link DpoLoss}, under TRL's {@code loss_type} names. With {@code z} the
 * policy's log-ratio margin over the reference's, {@code beta} and label smoothing {@code e}:
 *
 * <ul>
 *   <li>{@code sigmoid}: DPO, {@code -(1-e) log s(beta z) - e log s(-beta z)}; with {@code e > 0}
 *       this is conservative DPO (cDPO)
 *   <li>{@code robust}: robust DPO, {@code (-(1-e) log s(beta z) + e log s(-beta z)) / (1 - 2e)}
 *   <li>{@code ipo}: IPO, {@code (z - 1/(2 beta))^2} on per-token mean log-probs
 *   <li>{@code hinge}: SLiC/RSO hinge, {@code max(0, 1 - beta z)}
 * </ul>
 */
public enum DpoLossType {
  SIGMOID,
  ROBUST,
  IPO,
  HINGE;

  /** TRL's name. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param where the config key (or flag) the value came from, for the error message
   */
  public static DpoLossType parse(String value, String where) {
    for (DpoLossType t : values()) {
      if (t.key().equalsIgnoreCase(value.trim())) {
        return t;
      }
    }
    throw new BrandtuneException(
        where
            + ": '"
            + value
            + "' is not a supported DPO loss; use one of "
            + Arrays.stream(values()).map(DpoLossType::key).toList());
  }

  /** Whether label smoothing has a meaning for this loss (TRL ignores it for the others). */
  public boolean supportsLabelSmoothing() {
    return this == SIGMOID || this == ROBUST;
  }
}

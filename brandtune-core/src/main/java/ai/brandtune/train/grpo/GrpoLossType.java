package ai.brandtune.train.grpo;

import ai.brandtune.BrandtuneException;
import java.util.Locale;

/**
 * How GRPO's per-token losses are averaged into one number ({@code loss_type}, TRL's names). The
 * choice decides the length bias: {@code grpo} weighs every sequence the same (long completions'
 * tokens count less), {@code dapo} every token of the step the same, {@code bnpo} every token of a
 * micro-batch, and {@code dr_grpo} divides by a constant (sequences x max_completion_length).
 */
public enum GrpoLossType {
  /** Mean over each sequence's tokens, then mean over sequences. */
  GRPO("grpo"),
  /** Token mean within each micro-batch, then mean over micro-batches. */
  BNPO("bnpo"),
  /** Token sum over the step divided by sequences x {@code max_completion_length}. */
  DR_GRPO("dr_grpo"),
  /** Token mean over the whole step (TRL's default). */
  DAPO("dapo");

  private final String key;

  GrpoLossType(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** Parses a {@code loss_type} value; {@code field} names the key in the error. */
  public static GrpoLossType parse(String value, String field) {
    String v = value.toLowerCase(Locale.ROOT);
    for (GrpoLossType t : values()) {
      if (t.key.equals(v)) {
        return t;
      }
    }
    throw new BrandtuneException(
        field + ": unknown value '" + value + "' (use grpo, bnpo, dr_grpo or dapo)");
  }
}

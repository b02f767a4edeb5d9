package ai.brandtune.judge;

import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.brand.check.Rule;
import java.util.Locale;

/**
 * The fatal flaws a rubric's hard caps name. The brand checker decides them, so a cap holds even
 * when the LLM judge overlooks the flaw.
 */
public enum CapCondition {
  /** A fact that contradicts the product catalog (an error-level {@code fact.*} finding). */
  FACT_CONTRADICTION,
  /** A banned keyword, however it is split or decorated. */
  BANNED_KEYWORD,
  /** A copy whose type requires a call to action has none. */
  MISSING_CTA;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CapCondition fromId(String id) {
    for (CapCondition c : values()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    return null;
  }

  /** Whether the checker's result shows this flaw. */
  public boolean holds(CheckResult result) {
    return switch (this) {
      case FACT_CONTRADICTION -> !result.factErrors().isEmpty();
      case BANNED_KEYWORD -> !result.of(Rule.BANNED).isEmpty();
      case MISSING_CTA -> !result.of(Rule.CTA).isEmpty();
    };
  }
}

package ai.brandtune.judge;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.brand.check.Finding;
import ai.brandtune.brand.check.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges that need no API, built on the brand kit's checks:
 *
 * <ul>
 *   <li>{@code brand_rules}: the checker's total score in [0, 1], its components as dimensions, and
 *       the violation flags the report counts (banned word, missing call to action, unsupported
 *       fact, over length);
 *   <li>{@code facts}: 1 when no fact contradicts the catalog, else 0; the number of fact errors as
 *       a dimension and each finding as a flaw;
 *   <li>{@code chrf}: {@link Chrf} against the golden copy (0-100), when there is one.
 * </ul>
 *
 * The reward-model judge lives in the eval run, which holds the model.
 */
public final class OfflineJudges {
  public static final String BRAND_RULES = "brand_rules";
  public static final String FACTS = "facts";
  public static final String CHRF = "chrf";
  public static final String REWARD_MODEL = "reward_model";
  public static final String LLM = "llm";
  public static final String LLM_COMPARATIVE = "llm_comparative";

  /** Violation kinds, in report order. */
  public static final List<String> VIOLATIONS =
      List.of("banned", "missing_cta", "unsupported_facts", "over_length");

  private final BrandKit kit;
  private final BrandChecker checker;

  public OfflineJudges(BrandKit kit) {
    this.kit = kit;
    this.checker = new BrandChecker(kit);
  }

  public CheckResult check(String copy, String productId, String contentType) {
    return checker.check(copy, productId, contentType);
  }

  public OfflineScore brandRules(String copy, String productId, String contentType) {
    CheckResult r = check(copy, productId, contentType);
    ContentType type = kit.requireContentType(contentType);
    Map<String, Double> dims = new LinkedHashMap<>();
    for (Rule.Component c : Rule.Component.values()) {
      dims.put(c.id(), r.score().component(c));
    }
    Map<String, Boolean> violations = new LinkedHashMap<>();
    violations.put("banned", !r.of(Rule.BANNED).isEmpty());
    violations.put("missing_cta", type.ctaRequired() && !r.of(Rule.CTA).isEmpty());
    violations.put("unsupported_facts", !r.factErrors().isEmpty());
    violations.put("over_length", r.length() > type.length().max());
    List<String> flaws = new ArrayList<>();
    for (Finding f : r.errors()) {
      flaws.add(f.rule().id() + ": " + f.message());
    }
    return new OfflineScore(BRAND_RULES, r.score().total(), dims, violations, flaws);
  }

  public OfflineScore facts(String copy, String productId, String contentType) {
    CheckResult r = check(copy, productId, contentType);
    List<String> flaws = new ArrayList<>();
    for (Finding f : r.factErrors()) {
      flaws.add(f.rule().id() + " " + f.evidence() + ": " + f.message());
    }
    return new OfflineScore(
        FACTS,
        flaws.isEmpty() ? 1 : 0,
        Map.of("fact_errors", (double) flaws.size()),
        Map.of(),
        flaws);
  }

  public static OfflineScore chrf(String copy, String reference) {
    return new OfflineScore(CHRF, Chrf.score(copy, reference), Map.of(), Map.of(), List.of());
  }
}

package ai.brandtune.rewards;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.check.Rule;
import ai.brandtune.train.grpo.RewardFunction;
import ai.brandtune.train.grpo.RewardRegistry;
import ai.brandtune.train.grpo.RewardSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The brand-rule reward functions, by name. Each reads the sample's {@code meta.content_type} and
 * {@code meta.product_id} (what {@code data export} writes into GRPO prompts) and checks the
 * completion against the brand kit in {@code brand_dir} (the built-in kit when unset); without a
 * known content type every brand function abstains.
 *
 * <ul>
 *   <li>{@code brand_banned}: -1 per banned keyword hit.
 *   <li>{@code brand_hype}: -1 per exclamation mark, absolute claim or hype term.
 *   <li>{@code brand_cta}: 1 with a closing call to action, 0 without; abstains where the content
 *       type needs none.
 *   <li>{@code brand_structure}: -1 per structure, title, hashtag, section, sentence-count or
 *       product-name finding.
 *   <li>{@code brand_length}: 1 inside the content type's length range, decaying outside it.
 *   <li>{@code brand_facts}: -1 per claim the catalog does not support or contradicts; abstains
 *       without a catalog product.
 *   <li>{@code brand_meta}: -1 per meta-commentary, placeholder or markdown finding.
 * </ul>
 *
 * A clean copy scores the maximum of every function (0, or 1 for cta and length).
 */
public final class BrandRewards {
  public static final String BANNED = "brand_banned";
  public static final String HYPE = "brand_hype";
  public static final String CTA = "brand_cta";
  public static final String STRUCTURE = "brand_structure";
  public static final String LENGTH = "brand_length";
  public static final String FACTS = "brand_facts";
  public static final String META = "brand_meta";
  public static final String SCORE = "brand_score";

  /** Every brand function name, in documentation order. */
  public static final List<String> NAMES =
      List.of(BANNED, HYPE, CTA, STRUCTURE, LENGTH, FACTS, META, SCORE);

  private BrandRewards() {}

  /**
   * {@code registry} plus the brand functions; functions built for the same {@code brand_dir} share
   * one checker and its cache.
   */
  public static RewardRegistry addTo(RewardRegistry registry) {
    Map<String, BrandChecks> byKit = new HashMap<>();
    Function<RewardSettings, BrandChecks> checks =
        s ->
            byKit.computeIfAbsent(
                s == null || s.brandDir() == null ? "" : s.brandDir(),
                dir ->
                    new BrandChecks(
                        dir.isEmpty() ? BrandKit.builtIn() : BrandKit.load(Path.of(dir))));
    RewardRegistry r = registry;
    for (String name : NAMES) {
      r = r.with(name, settings -> create(name, checks.apply(settings)));
    }
    return r;
  }

  /** The functions over a loaded kit, for embedding and tests. */
  public static List<RewardFunction> all(BrandKit kit) {
    BrandChecks checks = new BrandChecks(kit);
    return NAMES.stream().map(n -> create(n, checks)).toList();
  }

  private static RewardFunction create(String name, BrandChecks checks) {
    return switch (name) {
      case BANNED -> new FindingPenalty(name, checks, Set.of(Rule.BANNED), false);
      case HYPE ->
          new FindingPenalty(
              name, checks, Set.of(Rule.EXCLAMATION, Rule.ABSOLUTE, Rule.HYPE_TERM), false);
      case CTA -> new CtaReward(checks);
      case STRUCTURE ->
          new FindingPenalty(
              name,
              checks,
              Set.of(
                  Rule.STRUCTURE,
                  Rule.TITLE,
                  Rule.HASHTAGS,
                  Rule.SECTIONS,
                  Rule.SENTENCES,
                  Rule.PRODUCT_NAME),
              false);
      case LENGTH -> new LengthReward(checks);
      case FACTS ->
          new FindingPenalty(
              name,
              checks,
              Set.of(
                  Rule.FACT_INGREDIENT,
                  Rule.FACT_CONCENTRATION,
                  Rule.FACT_EFFECT,
                  Rule.FACT_FREE_FROM,
                  Rule.FACT_SPF),
              true);
      case META ->
          new FindingPenalty(
              name, checks, Set.of(Rule.META, Rule.PLACEHOLDER, Rule.MARKDOWN), false);
      case SCORE -> new ScoreReward(checks);
      default -> throw new IllegalArgumentException("no brand reward " + name);
    };
  }
}

package ai.brandtune.rewards;

import ai.brandtune.brand.check.Finding;
import ai.brandtune.brand.check.Rule;
import java.util.Set;

/**
 * {@code -1} per finding of the given rules (0 for a clean copy): the penalty-per-hit families,
 * {@code brand_banned} (banned keywords), {@code brand_hype} (exclamation marks, absolute claims,
 * hype terms), {@code brand_structure} (framework structure, title, hashtags, sections, sentence
 * count, product name) and {@code brand_meta} (meta-commentary, placeholders, markdown). With
 * {@code factsOnly}, only error-level fact findings count ({@code brand_facts}: each claim the
 * catalog does not support or contradicts); such a function abstains when the record names no
 * catalog product.
 */
final class FindingPenalty extends BrandRuleReward {
  private final Set<Rule> rules;
  private final boolean needsProduct;

  FindingPenalty(String name, BrandChecks checks, Set<Rule> rules, boolean needsProduct) {
    super(name, checks);
    this.rules = Set.copyOf(rules);
    this.needsProduct = needsProduct;
  }

  @Override
  Double reward(BrandChecks.Checked c) {
    if (needsProduct && c.product() == null) {
      return null;
    }
    long hits = 0;
    for (Finding f : c.result().findings()) {
      if (rules.contains(f.rule()) && (!f.rule().isFact() || f.isError())) {
        hits++;
      }
    }
    return (double) -hits;
  }
}

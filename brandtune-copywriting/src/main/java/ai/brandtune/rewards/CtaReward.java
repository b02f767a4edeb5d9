package ai.brandtune.rewards;

import ai.brandtune.brand.check.Rule;

/**
 * {@code brand_cta}: 1 when the copy ends with a call to action, 0 when it lacks one; abstains for
 * content types that require none (the social posts), so they are not pushed either way.
 */
final class CtaReward extends BrandRuleReward {
  CtaReward(BrandChecks checks) {
    super(BrandRewards.CTA, checks);
  }

  @Override
  Double reward(BrandChecks.Checked c) {
    if (!c.type().ctaRequired()) {
      return null;
    }
    return c.result().of(Rule.CTA).isEmpty() ? 1.0 : 0.0;
  }
}

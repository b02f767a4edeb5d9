package ai.brandtune.rewards;

/**
 * {@code brand_score}: the brand checker's overall score in [0, 1], every rule family weighted as
 * {@code brandtune brand check} and the eval's brand-rule judge weigh them. One number to optimise
 * when the per-rule functions are only watched (weight 0) or fine-tuned around it.
 */
final class ScoreReward extends BrandRuleReward {
  ScoreReward(BrandChecks checks) {
    super(BrandRewards.SCORE, checks);
  }

  @Override
  Double reward(BrandChecks.Checked c) {
    return c.result().score().total();
  }
}

package ai.brandtune.rewards;

import ai.brandtune.brand.IntRange;

/**
 * {@code brand_length}: 1 when the copy's length (non-whitespace characters) is inside the content
 * type's range; below it {@code n / min}, above it {@code max / n}, as the brand score's length
 * component: a smooth pull back into range from either side.
 */
final class LengthReward extends BrandRuleReward {
  LengthReward(BrandChecks checks) {
    super(BrandRewards.LENGTH, checks);
  }

  @Override
  Double reward(BrandChecks.Checked c) {
    return score(c.result().length(), c.type().length());
  }

  static double score(int n, IntRange range) {
    if (range.contains(n)) {
      return 1.0;
    }
    if (n < range.min()) {
      return range.min() == 0 ? 1.0 : n / (double) range.min();
    }
    return range.max() / (double) Math.max(1, n);
  }
}

package ai.brandtune.rewards;

import ai.brandtune.train.grpo.RewardFunction;
import ai.brandtune.train.grpo.RewardSample;
import java.util.Optional;

/**
 * A brand reward over the checker's result. Abstains when the sample's record has no known content
 * type (it cannot be checked), and when {@link #reward} says the rule does not apply.
 */
abstract class BrandRuleReward implements RewardFunction {
  private final String name;
  private final BrandChecks checks;

  BrandRuleReward(String name, BrandChecks checks) {
    this.name = name;
    this.checks = checks;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Double score(RewardSample sample) {
    Optional<BrandChecks.Checked> c = checks.check(sample);
    return c.isEmpty() ? null : reward(c.get());
  }

  /** The reward of a checked completion, or null when this rule does not apply to it. */
  abstract Double reward(BrandChecks.Checked checked);
}

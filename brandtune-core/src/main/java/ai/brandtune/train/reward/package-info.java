/**
 * Reward-model training: Bradley-Terry and one-vs-many losses ({@link
 * ai.brandtune.train.reward.RewardLoss}), the objective on the shared loop, evaluation (accuracy by
 * rejected type, best-of-K, margin, reward-length correlation, score histograms) and {@code
 * brandtune train rm}'s configuration and driver.
 */
package ai.brandtune.train.reward;

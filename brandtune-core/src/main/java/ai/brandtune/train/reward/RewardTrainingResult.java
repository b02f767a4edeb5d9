package ai.brandtune.train.reward;

import ai.brandtune.train.TrainingResult;

/**
 * How a reward-model run ended.
 *
 * @param training the loop's result (steps, losses, checkpoints, whether it was stopped)
 * @param evaluation the last evaluation of the eval set, or null without one
 */
public record RewardTrainingResult(TrainingResult training, RewardEvaluation.Report evaluation) {}

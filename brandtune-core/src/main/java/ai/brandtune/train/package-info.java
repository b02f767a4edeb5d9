/**
 * The training loop every algorithm shares: AdamW, learning-rate schedules, gradient accumulation
 * and clipping, mixed precision, evaluation, metrics, progress, atomic checkpoints and exact
 * resume. Each algorithm lives in a subpackage ({@code sft}, later {@code reward}, {@code dpo},
 * {@code grpo}) and plugs into {@link ai.brandtune.train.Trainer} through a {@link
 * ai.brandtune.train.TrainingObjective}.
 */
package ai.brandtune.train;

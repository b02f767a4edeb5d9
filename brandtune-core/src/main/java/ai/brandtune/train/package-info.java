/**
 * The training loop every algorithm shares: AdamW, learning-rate schedules, gradient accumulation
 * and clipping, mixed precision, evaluation, metrics, progress, atomic checkpoints and exact
 * resume. Each algorithm lives in a subpackage ({@code sft}, {@code reward}, {@code dpo}, later
 * {@code grpo}) and plugs into {@link ai.brandtune.train.Trainer} through a {@link
 * ai.brandtune.train.TrainingObjective}. What every algorithm's wiring shares lives here too: the
 * loop's config keys ({@link ai.brandtune.train.LoopConfig}), reading and splitting the data
 * ({@link ai.brandtune.train.TrainingData}), choosing LoRA or full training ({@link
 * ai.brandtune.train.TrainableSelection}), the config snapshot and the final output files.
 */
package ai.brandtune.train;

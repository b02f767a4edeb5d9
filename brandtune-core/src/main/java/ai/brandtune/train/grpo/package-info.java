/**
 * GRPO (group-relative policy optimization): per prompt, {@code num_generations} completions are
 * sampled from the LoRA policy, scored by a weighted list of {@link
 * ai.brandtune.train.grpo.RewardFunction}s, turned into group-normalised advantages, and the policy
 * takes a clipped-surrogate step with an optional k3 KL penalty to the reference (the same weights
 * with the adapters off). {@link ai.brandtune.train.grpo.GrpoTrainer#run} is the entry point,
 * {@link ai.brandtune.train.grpo.GrpoLoss} the pure math, {@link
 * ai.brandtune.train.grpo.RewardRegistry} resolves reward functions by name (the app adds the brand
 * ones), and {@code gsm8k} holds the math-reasoning recipe.
 */
package ai.brandtune.train.grpo;

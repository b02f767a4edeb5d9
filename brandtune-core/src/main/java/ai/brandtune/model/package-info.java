/**
 * The Qwen2 / Qwen3 / Llama decoder as plain Java classes holding parameter tensors under their HF
 * names, its config, KV cache, initialization and checkpoint loading, with two heads on top: the
 * language-model head ({@link ai.brandtune.model.CausalLm}) and the scalar reward head ({@link
 * ai.brandtune.model.RewardModel}, saved as {@code *ForSequenceClassification}). {@link
 * ai.brandtune.model.LinearAdapter} is the hook that {@code lora} attaches to the projections.
 */
package ai.brandtune.model;

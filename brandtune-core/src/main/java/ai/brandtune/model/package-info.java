/**
 * The Qwen2 / Qwen3 / Llama decoder as plain Java classes holding parameter tensors under their HF
 * names, its config, KV cache, initialization and checkpoint loading. {@link
 * ai.brandtune.model.LinearAdapter} is the hook that {@code lora} attaches to the projections.
 */
package ai.brandtune.model;

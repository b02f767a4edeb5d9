/**
 * Text generation: sampling parameters, the logits processors and sampler, and batched KV-cache
 * generation over left-padded prompts with stop handling, streaming and per-token
 * log-probabilities.
 */
package ai.brandtune.generate;

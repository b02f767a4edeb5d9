/**
 * Supervised fine-tuning: chat data rendered with the model's own template, loss on assistant turns
 * and their end-of-turn tokens, LoRA or full weights, on the shared {@link
 * ai.brandtune.train.Trainer}.
 */
package ai.brandtune.train.sft;

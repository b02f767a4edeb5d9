/**
 * Supervised fine-tuning: chat data rendered with the model's own template, loss on the assistant
 * turns and their end-of-turn tokens, LoRA adapters or full weights, trained on the shared {@link
 * ai.brandtune.train.Trainer}.
 */
package ai.brandtune.train.sft;

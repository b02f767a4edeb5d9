/**
 * LoRA (low-rank adaptation) for the decoder's projections, as PEFT implements it: {@link
 * ai.brandtune.model.lora.LoraConfig} says which modules and how; {@link
 * ai.brandtune.model.lora.LoraModel} attaches {@link ai.brandtune.model.lora.LoraAdapter}s to a
 * {@link ai.brandtune.model.CausalLm}, exposes their trainable matrices under PEFT's names, saves
 * and loads them in PEFT's file layout and merges them into the base weights. {@link
 * ai.brandtune.model.lora.RewardLoraModel} does the same for a reward model (PEFT's SEQ_CLS layout,
 * the score head saved whole as a {@code modules_to_save} entry).
 */
package ai.brandtune.model.lora;

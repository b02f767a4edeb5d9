/**
 * The GSM8K recipe for GRPO (the widely copied TRL/Unsloth one): the system prompt asking for
 * {@code <reasoning>} and {@code <answer>} tags, a loader for GSM8K JSONL ({@code question}, {@code
 * answer} with the number after {@code ####}), and the rule rewards: answer correctness, integer
 * answer, strict and soft format, and XML tag counting.
 */
package ai.brandtune.train.grpo.gsm8k;

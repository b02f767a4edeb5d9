package ai.brandtune.train.grpo;

import ai.brandtune.text.ChatMessage;
import java.util.List;
import java.util.Map;

/**
 * One GRPO prompt: {@code {"prompt":[messages], "meta":{...}, "answer": optional}} as {@code data
 * export} writes it, or a GSM8K record converted by {@link
 * ai.brandtune.train.grpo.gsm8k.Gsm8kDataset}.
 *
 * @param prompt the messages the policy completes (the last is usually the user's)
 * @param meta the record's {@code meta} object, handed to the reward functions
 * @param answer a reference answer for rule rewards, or null
 * @param location {@code file:line}, for messages
 */
public record PromptRecord(
    List<ChatMessage> prompt, Map<String, Object> meta, String answer, String location) {
  public PromptRecord {
    prompt = List.copyOf(prompt);
    meta = meta == null ? Map.of() : Map.copyOf(meta);
  }
}

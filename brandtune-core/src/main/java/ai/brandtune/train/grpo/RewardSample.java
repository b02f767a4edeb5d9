package ai.brandtune.train.grpo;

import ai.brandtune.text.ChatMessage;
import java.util.List;
import java.util.Map;

/**
 * What a reward function sees of one completion.
 *
 * @param prompt the prompt's messages
 * @param completion the completion's text (special tokens removed)
 * @param completionTokens how many tokens were generated, EOS included
 * @param truncated true when generation hit {@code max_completion_length} before an EOS
 * @param meta the prompt record's {@code meta} object ({@code product_id}, {@code content_type},
 *     ...), empty when it had none
 * @param answer the record's {@code answer} (GSM8K: the number after {@code ####}), or null
 */
public record RewardSample(
    List<ChatMessage> prompt,
    String completion,
    int completionTokens,
    boolean truncated,
    Map<String, Object> meta,
    String answer) {

  public RewardSample {
    prompt = List.copyOf(prompt);
    meta = meta == null ? Map.of() : meta;
  }

  /** A {@code meta} value as text, or null when absent. */
  public String metaString(String key) {
    Object v = meta.get(key);
    return v == null ? null : v.toString();
  }
}

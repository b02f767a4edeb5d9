package ai.brandtune.eval;

import ai.brandtune.text.ChatMessage;
import java.util.List;

/**
 * One validation prompt.
 *
 * @param id {@code meta.id} when the record has one, else {@code p<line>} (zero-padded)
 * @param answer the record's reference copy ({@code answer}), or null
 */
public record EvalPrompt(
    String id, List<ChatMessage> messages, String productId, String contentType, String answer) {
  public EvalPrompt {
    messages = List.copyOf(messages);
  }
}

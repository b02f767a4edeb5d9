package ai.brandtune.data;

import ai.brandtune.text.ChatMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One SFT conversation, whatever form it was stored in.
 *
 * @param messages system, user and assistant turns in order
 * @param meta the record's {@code meta} object (free-form, carried for reports), empty when absent
 * @param location where the record came from, {@code file:line}, for error messages
 * @param completionStart index of the first message whose assistant turns are trained on; earlier
 *     assistant turns are prompt context (0 for plain chat data; the prompt length for TRL's
 *     conversational prompt/completion records)
 */
public record ChatExample(
    List<ChatMessage> messages, Map<String, Object> meta, String location, int completionStart) {

  public ChatExample {
    messages = List.copyOf(messages);
    meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    if (completionStart < 0 || completionStart > messages.size()) {
      throw new IllegalArgumentException(
          "completionStart " + completionStart + " outside 0.." + messages.size());
    }
  }

  /** A conversation whose every assistant turn is trained on. */
  public ChatExample(List<ChatMessage> messages, Map<String, Object> meta, String location) {
    this(messages, meta, location, 0);
  }

  /** Whether assistant message {@code index} carries labels (else it is prompt context). */
  public boolean isTrained(int index) {
    return index >= completionStart && messages.get(index).role().equals("assistant");
  }
}

package ai.brandtune.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One chat turn, as the {@code {"role": ..., "content": ...}} dicts that Hugging Face chat
 * templates iterate over. {@code content} may be null (Python None), as in tool-call turns.
 */
public record ChatMessage(String role, String content) {

  public ChatMessage {
    if (role == null || role.isBlank()) {
      throw new IllegalArgumentException("a chat message needs a role");
    }
  }

  public static ChatMessage system(String content) {
    return new ChatMessage("system", content);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage("assistant", content);
  }

  /** The dict a template sees for this message. */
  Map<String, Object> toTemplateValue() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", role);
    m.put("content", content);
    return m;
  }
}

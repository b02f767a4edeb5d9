package ai.brandtune.brand.corpus;

import ai.brandtune.text.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * One golden copy: the prompt it answers (system and user message from the prompt builder), the
 * reference completion and its meta. {@code prompt} is empty in drafts until {@code fill-prompts}.
 */
public record GoldenRecord(List<ChatMessage> prompt, String completion, RecordMeta meta) {
  public GoldenRecord {
    prompt = List.copyOf(prompt);
  }

  /** The conversation for SFT: the prompt followed by the completion as the assistant turn. */
  public List<ChatMessage> messages() {
    List<ChatMessage> m = new ArrayList<>(prompt);
    m.add(ChatMessage.assistant(completion));
    return m;
  }

  public GoldenRecord withPrompt(List<ChatMessage> newPrompt) {
    return new GoldenRecord(newPrompt, completion, meta);
  }
}

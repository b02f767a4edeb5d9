package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.text.HfTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The turns of a chat so far, rendered into prompt ids. When the prompt outgrows the model's
 * context the oldest exchanges are dropped (the system prompt stays), as chat UIs do.
 */
final class Conversation {
  private final HfTokenizer tokenizer;
  private final ConversationOptions options;
  private final int contextLength;
  private final List<ChatMessage> turns = new ArrayList<>();

  Conversation(HfTokenizer tokenizer, ConversationOptions options, int contextLength) {
    this.tokenizer = tokenizer;
    this.options = options;
    this.contextLength = contextLength;
  }

  void reset() {
    turns.clear();
  }

  /** Adds the user turn and returns the prompt ids, ending in the assistant's generation prompt. */
  long[] promptFor(String userText) {
    turns.add(ChatMessage.user(userText));
    while (true) {
      long[] ids = tokenizer.encode(render());
      // at least one position must stay free for the reply
      if (ids.length < contextLength) {
        return ids;
      }
      if (turns.size() <= 1) {
        turns.clear();
        throw new BrandtuneException(
            "the message is "
                + ids.length
                + " tokens, more than the model's context of "
                + contextLength
                + "; send a shorter one");
      }
      turns.subList(0, Math.min(2, turns.size() - 1)).clear();
    }
  }

  void addReply(String text) {
    turns.add(ChatMessage.assistant(text));
  }

  private String render() {
    List<ChatMessage> messages = new ArrayList<>();
    if (options.system != null) {
      messages.add(ChatMessage.system(options.system));
    }
    messages.addAll(turns);
    return tokenizer.applyChatTemplate(messages, true, options.templateVariables());
  }
}

package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.text.HfTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Chat renders the prompt through the model's own chat template as a user turn; raw feeds the text
 * to the model as it is. Chat is the default whenever the tokenizer ships a template, because an
 * instruction-tuned model given raw text produces what it was never trained on.
 */
enum PromptMode {
  CHAT,
  RAW;

  /** The requested mode, or the model's natural one when neither flag was given. */
  static PromptMode choose(boolean chat, boolean raw, HfTokenizer tokenizer) {
    if (raw) {
      return RAW;
    }
    if (chat || tokenizer.chatTemplate().isPresent()) {
      return CHAT;
    }
    return RAW;
  }

  /** The prompt text to tokenize. */
  String render(HfTokenizer tokenizer, String prompt, ConversationOptions conversation) {
    if (this == RAW) {
      if (conversation.system != null) {
        throw new BrandtuneException("--system needs chat mode: drop --raw or drop --system");
      }
      return prompt;
    }
    if (tokenizer.chatTemplate().isEmpty()) {
      throw new BrandtuneException(
          "--chat: the model's tokenizer has no chat template (tokenizer_config.json chat_template"
              + " or chat_template.jinja); use --raw");
    }
    List<ChatMessage> messages = new ArrayList<>();
    if (conversation.system != null) {
      messages.add(ChatMessage.system(conversation.system));
    }
    messages.add(ChatMessage.user(prompt));
    return tokenizer.applyChatTemplate(messages, true, conversation.templateVariables());
  }
}

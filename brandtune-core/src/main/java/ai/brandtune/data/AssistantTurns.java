package ai.brandtune.data;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.text.EncodedText;
import ai.brandtune.text.HfTokenizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds assistant turns in a conversation rendered with the model's own chat template, from
 * rendered text rather than token ids (so a pad token equal to EOS changes nothing). Shared by
 * {@link SftEncoder} and {@link PreferenceEncoder}, which must agree on what "the assistant turn
 * and its end-of-turn token" is.
 *
 * <p>Assistant message i starts where the prompt rendered with the generation prompt ends ({@link
 * #turnStart}); its end is the first end-of-turn token (tokenizer.json's special added tokens, plus
 * EOS) at or after that start ({@link #endOfTurn}), e.g. {@code <|im_end|>}, {@code <|eot_id|>},
 * {@code <end_of_turn>}.
 */
final class AssistantTurns {
  private final HfTokenizer tokenizer;
  private final Map<String, Object> chatTemplateKwargs;
  private final Set<Long> endOfTurnIds = new HashSet<>();
  private final List<String> specialTokens = new ArrayList<>();

  /**
   * @param purpose what needs the template, for the error when there is none (e.g. "SFT renders
   *     conversations")
   */
  AssistantTurns(HfTokenizer tokenizer, Map<String, Object> chatTemplateKwargs, String purpose) {
    if (tokenizer.chatTemplate().isEmpty()) {
      throw new BrandtuneException(
          tokenizer.directory()
              + ": the tokenizer has no chat template (tokenizer_config.json 'chat_template' or"
              + " chat_template.jinja); "
              + purpose
              + " with the model's own template");
    }
    this.tokenizer = tokenizer;
    this.chatTemplateKwargs = chatTemplateKwargs;
    endOfTurnIds.addAll(tokenizer.specialTokenIds());
    tokenizer.eosTokenId().ifPresent(endOfTurnIds::add);
    for (long id : endOfTurnIds) {
      String token = tokenizer.token(id);
      if (token != null && !token.isEmpty()) {
        specialTokens.add(token);
      }
    }
  }

  HfTokenizer tokenizer() {
    return tokenizer;
  }

  /** Renders with the template; a template error becomes a TEMPLATE_ERROR bad record. */
  String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
    try {
      return tokenizer.applyChatTemplate(messages, addGenerationPrompt, chatTemplateKwargs);
    } catch (BrandtuneException e) {
      throw new InvalidRecordException(BadRecordReason.TEMPLATE_ERROR, e.getMessage());
    }
  }

  /**
   * The renders of the messages before an assistant turn: with the generation prompt, and (only
   * computed when needed) without it. Several completions of one prompt share them.
   */
  final class Prefix {
    private final List<ChatMessage> before;
    private final String withGenerationPrompt;
    private String history;

    Prefix(List<ChatMessage> before) {
      this.before = before;
      this.withGenerationPrompt = render(before, true);
    }

    private String history() {
      if (history == null) {
        history = render(before, false);
      }
      return history;
    }
  }

  Prefix prefix(List<ChatMessage> before) {
    return new Prefix(before);
  }

  /** Where assistant message {@code i} of {@code messages} starts in their full render. */
  int turnStart(List<ChatMessage> messages, int i, String full) {
    return turnStart(prefix(messages.subList(0, i)), i, full);
  }

  /**
   * Where the assistant turn after {@code prefix} (message {@code i}) starts in the full render:
   * after the prompt rendered with the generation prompt. Some templates open a historical turn
   * differently from the generation prompt (Qwen3 with {@code enable_thinking: false} adds an empty
   * think block to the generation prompt only); then the turn starts where the two renders part,
   * provided the earlier turns render the same.
   */
  int turnStart(Prefix prefix, int i, String full) {
    String prompt = prefix.withGenerationPrompt;
    if (full.startsWith(prompt)) {
      return prompt.length();
    }
    String history = prefix.history();
    if (full.startsWith(history)) {
      int common = history.length();
      while (common < prompt.length()
          && common < full.length()
          && prompt.charAt(common) == full.charAt(common)) {
        common++;
      }
      return common;
    }
    throw new InvalidRecordException(
        BadRecordReason.TEMPLATE_ERROR,
        "the chat template of "
            + tokenizer.directory()
            + " renders the conversation before assistant message "
            + i
            + " differently from the start of the whole conversation, so the assistant turn"
            + " cannot be located (the template rewrites earlier turns depending on what"
            + " follows)");
  }

  /** The first token that ends after char {@code from}: it starts, or straddles, the turn. */
  static int firstTokenAfter(EncodedText tokens, int from) {
    int first = 0;
    while (first < tokens.size() && tokens.end(first) <= from) {
      first++;
    }
    return first;
  }

  /**
   * The index of the end-of-turn token closing the assistant message {@code index} whose text
   * starts at char {@code from} and whose first token is {@code first}, searching tokens that start
   * before char {@code limit}; -1 when the template closes the turn with no special token. An empty
   * message (a sampled completion that ended at once) closes right at its first token.
   */
  int endOfTurn(
      EncodedText tokens, int first, int from, int limit, int index, boolean emptyContent) {
    for (int t = first; t < tokens.size() && tokens.start(t) < limit; t++) {
      if (endOfTurnIds.contains(tokens.id(t)) && tokens.start(t) >= from) {
        if (t == first && !emptyContent) {
          throw new InvalidRecordException(
              BadRecordReason.TEMPLATE_ERROR,
              "the chat template of "
                  + tokenizer.directory()
                  + " puts the special token "
                  + tokenizer.token(tokens.id(t))
                  + " before the content of assistant message "
                  + index
                  + ", so its end of turn cannot be found");
        }
        return t;
      }
    }
    return -1;
  }

  /** Rejects assistant text holding a special token, which would end the turn early. */
  void checkNoSpecialTokens(String content, String what) {
    for (String special : specialTokens) {
      if (content.contains(special)) {
        throw new InvalidRecordException(
            BadRecordReason.SPECIAL_TOKEN_IN_CONTENT,
            what
                + " contains the special token "
                + special
                + ", which would end the turn early; remove it from the data");
      }
    }
  }

  /** The EOS id appended after a last turn the template closes with no special token. */
  long eosToAppend() {
    return tokenizer
        .eosTokenId()
        .orElseThrow(
            () ->
                new InvalidRecordException(
                    BadRecordReason.TEMPLATE_ERROR,
                    "the chat template of "
                        + tokenizer.directory()
                        + " ends the assistant turn with no special token, and the tokenizer"
                        + " has no eos_token to append; set eos_token in"
                        + " tokenizer_config.json"));
  }
}

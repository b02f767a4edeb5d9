package ai.brandtune.data;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.text.EncodedText;
import ai.brandtune.text.HfTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns conversations into token ids and labels with the model's own chat template.
 *
 * <p>Labels cover exactly each trained assistant turn plus the end-of-turn token the template puts
 * after it, found from rendered text spans rather than token ids (so a pad token equal to EOS
 * changes nothing): for assistant message i, the prompt P = render(messages[:i], generation prompt)
 * must be a prefix of the full render F; the turn starts at len(P) and runs to the end of the first
 * special token (tokenizer.json's special added tokens, plus EOS) that follows, e.g. {@code
 * <|im_end|>}, {@code <|eot_id|>}, {@code <end_of_turn>}. Text after that token (the newline after
 * {@code <|im_end|>}) and the next turn's header are not labelled. Whatever the template writes
 * between the generation prompt and that token is labelled: Qwen3's templates put an empty {@code
 * <think>\n\n</think>\n\n} into the final assistant turn, so it is learned as part of the answer
 * (pass {@code enable_thinking: false} in the template kwargs to move it into the prompt instead).
 * A template that closes the last turn with no special token gets the EOS id appended, labelled; a
 * middle turn without one is labelled to the end of its content.
 *
 * <p>Tokens are mapped to spans by their character offsets; a token that straddles the turn's start
 * is labelled. With {@code train_on_prompt} every token is labelled.
 */
public final class SftEncoder {
  private final HfTokenizer tokenizer;
  private final SftEncoderOptions options;
  private final AssistantTurns turns;

  public SftEncoder(HfTokenizer tokenizer, SftEncoderOptions options) {
    this.turns =
        new AssistantTurns(tokenizer, options.chatTemplateKwargs(), "SFT renders conversations");
    this.tokenizer = tokenizer;
    this.options = options;
  }

  public SftEncoderOptions options() {
    return options;
  }

  /**
   * Encodes every example, applying the truncation policy; examples the template cannot render (or
   * whose assistant text holds a special token) throw under {@link BadRecordPolicy#ERROR} with the
   * record's {@code file:line}, or are skipped and counted under SKIP.
   */
  public SftEncodedDataset encodeAll(List<ChatExample> examples, BadRecordPolicy policy) {
    BadRecords bad = new BadRecords(policy);
    List<SftExample> kept = new ArrayList<>();
    int truncated = 0;
    int droppedTooLong = 0;
    int droppedNoLabels = 0;
    for (ChatExample example : examples) {
      SftExample encoded;
      try {
        encoded = encodeUnchecked(example);
      } catch (InvalidRecordException e) {
        bad.report(e.reason(), example.location(), e.getMessage());
        continue;
      }
      boolean cut = false;
      if (encoded.length() > options.maxLength()) {
        if (options.truncation() == TruncationPolicy.DROP) {
          droppedTooLong++;
          continue;
        }
        encoded = encoded.truncated(options.maxLength());
        cut = true;
      }
      if (encoded.labelledTokens() == 0) {
        droppedNoLabels++;
        continue;
      }
      if (cut) {
        truncated++;
      }
      kept.add(encoded);
    }
    return new SftEncodedDataset(
        kept, new SftEncodingReport(kept.size(), truncated, droppedTooLong, droppedNoLabels, bad));
  }

  /**
   * Encodes one example in full (no truncation). Throws a BrandtuneException naming the record's
   * {@code file:line} when the template cannot render it or its spans cannot be found.
   */
  public SftExample encode(ChatExample example) {
    try {
      return encodeUnchecked(example);
    } catch (InvalidRecordException e) {
      throw new BrandtuneException(example.location() + ": " + e.getMessage(), e);
    }
  }

  private SftExample encodeUnchecked(ChatExample example) {
    List<ChatMessage> messages = example.messages();
    checkNoSpecialTokens(example);
    String full = turns.render(messages, false);
    EncodedText tokens = tokenizer.encodeWithOffsets(full);
    int n = tokens.size();
    boolean[] labelled = new boolean[n];
    boolean appendEos = false;

    List<Integer> assistants = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).role().equals("assistant")) {
        assistants.add(i);
        starts.add(turns.turnStart(messages, i, full));
      }
    }
    for (int k = 0; k < assistants.size(); k++) {
      int index = assistants.get(k);
      if (!example.isTrained(index)) {
        continue;
      }
      int from = starts.get(k);
      int limit = k + 1 < assistants.size() ? starts.get(k + 1) : full.length();
      int first = AssistantTurns.firstTokenAfter(tokens, from);
      int end =
          turns.endOfTurn(
              tokens, first, from, limit, index, messages.get(index).content().isEmpty());
      if (end >= 0) {
        Arrays.fill(labelled, first, end + 1, true);
        continue;
      }
      // The template closes this turn with no special token.
      int spanEnd;
      if (index == messages.size() - 1) {
        spanEnd = full.length();
        appendEos = true;
      } else {
        String content = messages.get(index).content().strip();
        int at = full.indexOf(content, from);
        if (at < 0 || at + content.length() > limit) {
          throw new InvalidRecordException(
              BadRecordReason.TEMPLATE_ERROR,
              "the chat template of "
                  + tokenizer.directory()
                  + " closes assistant message "
                  + index
                  + " with no special token and does not render its content verbatim, so the"
                  + " end of the turn cannot be found");
        }
        spanEnd = at + content.length();
      }
      for (int t = first; t < n && tokens.start(t) < spanEnd; t++) {
        labelled[t] = true;
      }
    }
    if (options.trainOnPrompt()) {
      Arrays.fill(labelled, true);
    }

    int length = n + (appendEos ? 1 : 0);
    long[] ids = Arrays.copyOf(tokens.ids(), length);
    long[] labels = new long[length];
    for (int t = 0; t < n; t++) {
      labels[t] = labelled[t] ? ids[t] : SftExample.IGNORE_INDEX;
    }
    if (appendEos) {
      long eos = turns.eosToAppend();
      ids[n] = eos;
      labels[n] = eos;
    }
    return new SftExample(ids, labels, example.location());
  }

  private void checkNoSpecialTokens(ChatExample example) {
    List<ChatMessage> messages = example.messages();
    for (int i = 0; i < messages.size(); i++) {
      if (example.isTrained(i)) {
        turns.checkNoSpecialTokens(messages.get(i).content(), "assistant message " + i);
      }
    }
  }
}

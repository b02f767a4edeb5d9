package ai.brandtune.data;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.text.EncodedText;
import ai.brandtune.text.HfTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tokenizes preference records with the model's own chat template, as {@link SftEncoder} does for
 * SFT: each completion is rendered as the assistant turn after the prompt, and its completion mask
 * covers the turn's text plus the end-of-turn token the template writes after it (found the same
 * way, by {@link AssistantTurns}). A template that closes the turn with no special token gets the
 * EOS id appended, in the mask.
 *
 * <p>Every row is the tokenization of one full render (prompt + one completion), so reward scores
 * match those of transformers on the same text. The prompt tokens are those all renders share
 * before the assistant turn begins (a token straddling the turn's start belongs to the completion).
 *
 * <p>Truncation follows TRL's DPO: the prompt is cut to {@code max_prompt_length} keeping its end,
 * then each completion is cut so prompt plus completion fit {@code max_length} (the completion mask
 * shrinks with it; a cut completion may lose its end-of-turn token).
 */
public final class PreferenceEncoder {
  private final HfTokenizer tokenizer;
  private final PreferenceEncoderOptions options;
  private final AssistantTurns turns;

  public PreferenceEncoder(HfTokenizer tokenizer, PreferenceEncoderOptions options) {
    this.turns =
        new AssistantTurns(
            tokenizer, options.chatTemplateKwargs(), "preference training renders completions");
    this.tokenizer = tokenizer;
    this.options = options;
  }

  public PreferenceEncoderOptions options() {
    return options;
  }

  /**
   * Encodes and truncates one example. Throws a BrandtuneException naming the record's {@code
   * file:line} when the template cannot render it or a completion holds a special token.
   */
  public EncodedPreference encode(PreferenceExample example) {
    try {
      return encodeUnchecked(example).encoded();
    } catch (InvalidRecordException e) {
      throw new BrandtuneException(example.location() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Encodes every example; one the template cannot render (or whose completion holds a special
   * token) throws under {@link BadRecordPolicy#ERROR} with its {@code file:line}, or is skipped and
   * counted under SKIP.
   */
  public List<EncodedPreference> encodeAll(
      List<PreferenceExample> examples, BadRecordPolicy policy) {
    return encodeDataset(examples, policy).examples();
  }

  /** {@link #encodeAll} with counts of what was truncated and skipped, for the run report. */
  public PreferenceEncodedDataset encodeDataset(
      List<PreferenceExample> examples, BadRecordPolicy policy) {
    BadRecords bad = new BadRecords(policy);
    List<EncodedPreference> kept = new ArrayList<>();
    int promptsTruncated = 0;
    int completionsTruncated = 0;
    for (PreferenceExample example : examples) {
      Result result;
      try {
        result = encodeUnchecked(example);
      } catch (InvalidRecordException e) {
        bad.report(e.reason(), example.location(), e.getMessage());
        continue;
      }
      kept.add(result.encoded());
      promptsTruncated += result.promptTruncated() ? 1 : 0;
      completionsTruncated += result.completionsTruncated();
    }
    return new PreferenceEncodedDataset(kept, promptsTruncated, completionsTruncated, bad);
  }

  private record Result(
      EncodedPreference encoded, boolean promptTruncated, int completionsTruncated) {}

  /** One completion rendered after the prompt: all its tokens and where its turn lies in them. */
  private record Rendered(long[] ids, int first, int maskEnd) {}

  private Result encodeUnchecked(PreferenceExample example) {
    List<ChatMessage> prompt = example.prompt();
    List<String> texts = new ArrayList<>();
    texts.add(example.chosen());
    texts.addAll(example.rejected());
    AssistantTurns.Prefix prefix = turns.prefix(prompt);
    List<Rendered> rendered = new ArrayList<>();
    for (int k = 0; k < texts.size(); k++) {
      String what = k == 0 ? "chosen" : "rejected[" + (k - 1) + "]";
      turns.checkNoSpecialTokens(texts.get(k), what);
      rendered.add(render(prefix, prompt, texts.get(k)));
    }

    // The shared prompt: tokens before every turn's first token, identical in all renders.
    long[] reference = rendered.get(0).ids();
    int promptLength = Integer.MAX_VALUE;
    for (Rendered r : rendered) {
      int common = Arrays.mismatch(reference, r.ids());
      promptLength = Math.min(promptLength, Math.min(r.first(), common < 0 ? r.first() : common));
    }
    int promptStart = Math.max(0, promptLength - options.maxPromptLength());
    long[] promptIds = Arrays.copyOfRange(reference, promptStart, promptLength);
    int room = options.maxLength() - promptIds.length;

    long[][] completions = new long[texts.size()][];
    int[] masks = new int[texts.size()];
    int cut = 0;
    for (int k = 0; k < texts.size(); k++) {
      Rendered r = rendered.get(k);
      int end = Math.min(r.ids().length, promptLength + room);
      cut += end < r.ids().length ? 1 : 0;
      completions[k] = Arrays.copyOfRange(r.ids(), promptLength, end);
      masks[k] = Math.min(r.maskEnd(), end) - promptLength;
    }
    int n = example.rejectedCount();
    List<long[]> rejectedIds = new ArrayList<>(Arrays.asList(completions).subList(1, n + 1));
    int[] rejectedChars = new int[n];
    for (int i = 0; i < n; i++) {
      rejectedChars[i] = chars(example.rejected().get(i));
    }
    EncodedPreference encoded =
        new EncodedPreference(
            promptIds,
            completions[0],
            rejectedIds,
            example.rejectedTypes(),
            example.margin(),
            chars(example.chosen()),
            rejectedChars,
            example.location(),
            masks[0],
            Arrays.copyOfRange(masks, 1, n + 1));
    return new Result(encoded, promptStart > 0, cut);
  }

  private Rendered render(AssistantTurns.Prefix prefix, List<ChatMessage> prompt, String text) {
    List<ChatMessage> messages = new ArrayList<>(prompt);
    messages.add(ChatMessage.assistant(text));
    int index = prompt.size();
    String full = turns.render(messages, false);
    int from = turns.turnStart(prefix, index, full);
    EncodedText tokens = tokenizer.encodeWithOffsets(full);
    int first = AssistantTurns.firstTokenAfter(tokens, from);
    int end = turns.endOfTurn(tokens, first, from, full.length(), index, text.isEmpty());
    if (end >= 0) {
      return new Rendered(tokens.ids(), first, end + 1);
    }
    // The template closes the turn with no special token: append EOS, as SFT does.
    long[] ids = Arrays.copyOf(tokens.ids(), tokens.size() + 1);
    ids[tokens.size()] = turns.eosToAppend();
    return new Rendered(ids, first, ids.length);
  }

  private static int chars(String text) {
    return text.codePointCount(0, text.length());
  }
}

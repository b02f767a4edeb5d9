package ai.brandtune.generate;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One row's progress during generation: tokens, log-probabilities, decoded text so far and why it
 * finished. Text is decoded incrementally only when streaming or stop strings need it.
 */
final class Row {
  private final long[] prompt;
  private final long[] tokens;
  private final float[] logprobs;
  private final List<String> stop;
  private int count;
  private FinishReason finish;
  private String text; // decoded text, cut at a stop string once one matched
  private int emitted; // characters of text already streamed

  Row(long[] prompt, int maxNew, List<String> stop) {
    this.prompt = prompt;
    this.tokens = new long[maxNew];
    this.logprobs = new float[maxNew];
    this.stop = stop;
  }

  boolean finished() {
    return finish != null;
  }

  /** Ends the row where it stands; its tokens so far are kept. */
  void cancel() {
    if (finish == null) {
      finish = FinishReason.CANCELLED;
    }
  }

  /** Tokens this row may still generate. */
  int remaining() {
    return tokens.length - count;
  }

  long lastToken() {
    return count == 0 ? prompt[prompt.length - 1] : tokens[count - 1];
  }

  /** Records a token and returns the newly completed text (empty when not tracked). */
  String append(
      long token,
      float logprob,
      boolean eos,
      Function<long[], String> detokenizer,
      boolean streaming) {
    tokens[count] = token;
    logprobs[count] = logprob;
    count++;
    if (eos) {
      finish = FinishReason.STOP;
    } else if (count == tokens.length) {
      finish = FinishReason.LENGTH;
    }
    if (!streaming && stop.isEmpty()) {
      return "";
    }
    String decoded = detokenizer.apply(Arrays.copyOf(tokens, count));
    int cut = firstStop(decoded);
    if (cut >= 0) {
      decoded = decoded.substring(0, cut);
      finish = FinishReason.STOP;
    }
    text = decoded;
    int ready = finished() ? decoded.length() : decoded.length() - heldBack(decoded);
    if (ready <= emitted) {
      return "";
    }
    String delta = decoded.substring(emitted, ready);
    emitted = ready;
    return delta;
  }

  /**
   * Characters at the end that must not be streamed yet: an incomplete UTF-8 sequence (decoded as a
   * replacement character) or the beginning of a stop string that the next tokens may complete.
   */
  private int heldBack(String decoded) {
    int held = decoded.endsWith("\uFFFD") ? 1 : 0;
    for (String s : stop) {
      for (int k = Math.min(s.length() - 1, decoded.length()); k > held; k--) {
        if (decoded.endsWith(s.substring(0, k))) {
          held = k;
          break;
        }
      }
    }
    return held;
  }

  private int firstStop(String decoded) {
    int best = -1;
    for (String s : stop) {
      int i = decoded.indexOf(s);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }

  int historyLength() {
    return prompt.length + count;
  }

  /**
   * Prompt and generated tokens, padded on the right with the first token (a no-op for penalties).
   */
  void fillHistory(long[] into) {
    System.arraycopy(prompt, 0, into, 0, prompt.length);
    System.arraycopy(tokens, 0, into, prompt.length, count);
    Arrays.fill(into, prompt.length + count, into.length, prompt[0]);
  }

  Generation result(Function<long[], String> detokenizer) {
    long[] ids = Arrays.copyOf(tokens, count);
    String out = text;
    if (out == null) {
      boolean endsWithEos = finish == FinishReason.STOP && count > 0;
      out = detokenizer.apply(endsWithEos ? Arrays.copyOf(ids, count - 1) : ids);
    }
    return new Generation(
        prompt,
        ids,
        Arrays.copyOf(logprobs, count),
        out,
        finish == null ? FinishReason.LENGTH : finish);
  }
}

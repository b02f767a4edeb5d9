package ai.brandtune.generate;

/**
 * One generated row. {@code tokenIds} are the generated tokens, including a final EOS token; {@code
 * logprobs[i]} is the log-probability of {@code tokenIds[i]} under the model's distribution at the
 * sampling temperature (before top-k/top-p/min-p truncation and repetition penalty), the quantity
 * policy-gradient trainers recompute. {@code text} is the decoded completion without special
 * tokens, cut before a matched stop string.
 */
public record Generation(
    long[] promptIds, long[] tokenIds, float[] logprobs, String text, FinishReason finishReason) {

  public double sumLogprob() {
    double s = 0;
    for (float lp : logprobs) {
      s += lp;
    }
    return s;
  }
}

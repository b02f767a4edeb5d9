package ai.brandtune.generate;

import ai.brandtune.tensor.Tensors;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Picks the next token of each row from (B, V) logits: repetition penalty, then temperature, top-k,
 * top-p and min-p in transformers' order, then an inverse-CDF draw. The uniform numbers come from
 * per-row Java generators, so a seed reproduces the same tokens on any device and batch size.
 */
final class Sampler {
  private static final double NEG_INF = Double.NEGATIVE_INFINITY;

  private final SamplingParams params;
  private final SplittableRandom[] rows;

  Sampler(SamplingParams params, int batch) {
    this.params = params;
    this.rows = new SplittableRandom[batch];
    SplittableRandom root =
        new SplittableRandom(params.seed() != null ? params.seed() : System.nanoTime());
    for (int i = 0; i < batch; i++) {
      rows[i] = root.split();
    }
  }

  /** Tokens and their log-probabilities; call inside the step's pointer scope. */
  Picked pick(Tensor logits, Tensor history) {
    double t = params.greedy() ? 1.0 : params.temperature();
    Tensor scaled = t == 1.0 ? logits : logits.div(new Scalar(t));
    Tensor scores = scaled;
    // penalty and temperature commute: both scale a logit by a positive factor
    if (params.repetitionPenalty() != 1.0 && history != null) {
      scores = penalize(scores, history, params.repetitionPenalty());
    }
    Tensor next;
    if (params.greedy()) {
      next = scores.argmax(new LongOptional(-1), false);
    } else {
      scores = truncate(scores);
      next = draw(torch.softmax(scores, -1));
    }
    Tensor index = next.unsqueeze(-1);
    Tensor logprobs = torch.log_softmax(scaled, -1).gather(-1, index).squeeze(-1);
    return new Picked(Tensors.toLongs(next), Tensors.toFloats(logprobs));
  }

  /**
   * transformers' RepetitionPenaltyLogitsProcessor: seen tokens' logits are divided by the penalty
   * when positive and multiplied when negative.
   */
  private static Tensor penalize(Tensor scores, Tensor history, double penalty) {
    Tensor seen = scores.gather(-1, history);
    Tensor penalized =
        torch.where(
            seen.lt(new Scalar(0)), seen.mul(new Scalar(penalty)), seen.div(new Scalar(penalty)));
    return scores.scatter(-1, history, penalized);
  }

  private Tensor truncate(Tensor scores) {
    long vocab = scores.size(-1);
    if (params.topK() > 0 && params.topK() < vocab) {
      Tensor kth =
          torch.topk(scores, params.topK(), -1, true, true).get0().narrow(-1, params.topK() - 1, 1);
      scores = scores.masked_fill(scores.lt(kth), new Scalar(NEG_INF));
    }
    if (params.topP() < 1.0) {
      var sorted = torch.sort(scores, -1, true);
      Tensor probs = torch.softmax(sorted.get0(), -1);
      // drop a token when the tokens ranked above it already reach top_p; the top token always
      // stays
      Tensor before = probs.cumsum(-1).sub(probs);
      Tensor dropSorted = before.gt(new Scalar(params.topP()));
      Tensor drop = dropSorted.scatter(-1, sorted.get1(), dropSorted);
      scores = scores.masked_fill(drop, new Scalar(NEG_INF));
    }
    if (params.minP() > 0) {
      Tensor probs = torch.softmax(scores, -1);
      Tensor floor = probs.amax(new long[] {-1}, true).mul(new Scalar(params.minP()));
      scores = scores.masked_fill(probs.lt(floor), new Scalar(NEG_INF));
    }
    return scores;
  }

  /** Inverse-CDF sampling: the first token whose cumulative probability exceeds u * total. */
  private Tensor draw(Tensor probs) {
    int batch = (int) probs.size(0);
    float[] u = new float[batch];
    for (int i = 0; i < batch; i++) {
      u[i] = (float) Math.min(rows[i].nextDouble(), 1.0 - 1e-6);
    }
    Tensor cdf = probs.cumsum(-1);
    Tensor total = cdf.narrow(-1, probs.size(-1) - 1, 1);
    Tensor threshold = Tensors.floats(u, new long[] {batch, 1}, probs.device()).mul(total);
    Tensor index =
        cdf.le(threshold)
            .sum(
                new long[] {-1},
                false,
                new org.bytedeco.pytorch.ScalarTypeOptional(ScalarType.Long));
    return index.clamp_max(new Scalar(probs.size(-1) - 1));
  }

  record Picked(long[] tokens, float[] logprobs) {}
}

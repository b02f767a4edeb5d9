package ai.brandtune.train.grpo;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * GRPO's loss on tensors, as TRL's {@code GRPOTrainer._compute_loss} computes it. Per completion
 * token: the ratio {@code r = exp(logp - logp_old)}, the clipped surrogate {@code -min(r A,
 * clamp(r, 1 - epsilon, 1 + epsilon_high) A)}, plus {@code beta} times the k3 estimate of KL to the
 * reference, {@code exp(ref - logp) - (ref - logp) - 1}; then masked and averaged as {@link
 * GrpoLossType} says.
 *
 * @param beta KL coefficient; 0 drops the term and needs no reference log-probs
 * @param epsilonLow lower clip range ({@code epsilon})
 * @param epsilonHigh upper clip range ({@code epsilon_high})
 * @param maxCompletionLength {@code dr_grpo}'s constant normaliser per sequence
 */
public record GrpoLoss(
    GrpoLossType type,
    double beta,
    double epsilonLow,
    double epsilonHigh,
    int maxCompletionLength) {

  /**
   * The whole optimizer step's size, for the normalisers: a step may run as several micro-batches
   * whose losses are summed, and each must be divided by the step's totals so the sum equals the
   * loss of the step as one batch.
   *
   * @param sequences completions in the step
   * @param tokens completion tokens in the step under the mask
   * @param microBatches micro-batches the step is split into ({@code bnpo} averages over them)
   */
  public record Scale(int sequences, double tokens, int microBatches) {}

  /**
   * One micro-batch's results. Per-token tensors are (B, T) float32; the flags are 1.0 or 0.0.
   *
   * @param loss the micro-batch's share of the step loss (scalar, with grad)
   * @param ratio {@code exp(logp - logp_old)}, detached
   * @param kl the k3 estimate per token, detached, or null when {@code beta == 0}
   * @param lowClipped tokens whose ratio fell below {@code 1 - epsilon} with a negative advantage
   * @param highClipped tokens whose ratio rose above {@code 1 + epsilon_high} with a positive one
   */
  public record Terms(
      Tensor loss, Tensor ratio, Tensor kl, Tensor lowClipped, Tensor highClipped) {}

  /** Whether the loss needs reference log-probs at all. */
  public boolean needsReference() {
    return beta != 0.0;
  }

  /** {@link #compute} with the micro-batch as the whole step. */
  public Terms compute(
      Tensor logps, Tensor oldLogps, Tensor refLogps, Tensor advantages, Tensor mask) {
    return compute(
        logps,
        oldLogps,
        refLogps,
        advantages,
        mask,
        new Scale((int) logps.size(0), mask.sum().item_double(), 1));
  }

  /**
   * @param logps (B, T) the current policy's per-token log-probs, attached to the graph
   * @param oldLogps (B, T) those of the policy that sampled the completions, or null at the first
   *     update of a generation batch: the current ones detached, so the ratio is exactly 1
   * @param refLogps (B, T) the reference's, or null when {@code beta == 0}
   * @param advantages (B,) one per completion
   * @param mask (B, T) float32, 1 on completion tokens that train
   */
  public Terms compute(
      Tensor logps, Tensor oldLogps, Tensor refLogps, Tensor advantages, Tensor mask, Scale scale) {
    Tensor old = oldLogps == null ? logps.detach() : oldLogps;
    Tensor ratio = torch.exp(logps.sub(old)); // (B, T)
    Tensor clipped =
        ratio.clamp_min(new Scalar(1.0 - epsilonLow)).clamp_max(new Scalar(1.0 + epsilonHigh));
    Tensor a = advantages.unsqueeze(1); // (B, 1)
    Tensor perToken = torch.minimum(ratio.mul(a), clipped.mul(a)).neg();
    Tensor kl = null;
    if (needsReference()) {
      if (refLogps == null) {
        throw new IllegalArgumentException("beta != 0 needs reference log-probs");
      }
      Tensor diff = refLogps.sub(logps);
      kl = torch.exp(diff).sub(diff).sub(new Scalar(1.0));
      perToken = perToken.add(kl.mul(new Scalar(beta)));
    }
    Tensor masked = perToken.mul(mask);
    Tensor loss =
        switch (type) {
          case GRPO -> {
            Tensor perSequence =
                sumRows(masked).div(sumRows(mask).clamp_min(new Scalar(1.0))); // (B,)
            yield perSequence.sum().div(new Scalar((double) Math.max(1, scale.sequences())));
          }
          case BNPO ->
              masked
                  .sum()
                  .div(mask.sum().clamp_min(new Scalar(1.0)))
                  .div(new Scalar((double) Math.max(1, scale.microBatches())));
          case DAPO -> masked.sum().div(new Scalar(Math.max(1.0, scale.tokens())));
          case DR_GRPO ->
              masked
                  .sum()
                  .div(new Scalar((double) Math.max(1, scale.sequences()) * maxCompletionLength));
        };
    Tensor ratioD = ratio.detach();
    Tensor low =
        ratioD
            .lt(new Scalar(1.0 - epsilonLow))
            .logical_and(a.lt(new Scalar(0.0)))
            .to(ScalarType.Float);
    Tensor high =
        ratioD
            .gt(new Scalar(1.0 + epsilonHigh))
            .logical_and(a.gt(new Scalar(0.0)))
            .to(ScalarType.Float);
    return new Terms(loss, ratioD, kl == null ? null : kl.detach(), low, high);
  }

  static Tensor sumRows(Tensor t) {
    return t.sum(new long[] {1}, false, new ScalarTypeOptional());
  }
}

package ai.brandtune.train.dpo;

import ai.brandtune.BrandtuneException;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The DPO family of losses on per-pair sequence log-probs, as TRL's {@code DPOTrainer} defines them
 * (see {@link DpoLossType}), with the optional RPO term: {@code rpo_alpha} times the chosen
 * completion's negative log-likelihood per token, added to each pair's loss.
 *
 * <p>The implicit rewards are {@code beta * (log pi - log ref)} of each completion, detached. For
 * IPO the log-probs are per-token means (TRL divides by the completion length for {@code ipo} only,
 * see {@link #averagesLogProbs()}); for every other loss they are sums over the completion.
 *
 * @param beta the inverse temperature (IPO's tau); larger keeps the policy closer to the reference
 * @param labelSmoothing the assumed probability that a preference label is flipped, in [0, 0.5);
 *     only for {@code sigmoid} (cDPO) and {@code robust}
 * @param rpoAlpha weight of the NLL term on chosen completions; 0 turns it off
 */
public record DpoLoss(DpoLossType type, double beta, double labelSmoothing, double rpoAlpha) {

  public DpoLoss {
    if (type == null) {
      throw new BrandtuneException("loss_type is required");
    }
    if (!(beta > 0) || Double.isInfinite(beta)) {
      throw new BrandtuneException("beta: must be a positive number, got " + beta);
    }
    if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
      throw new BrandtuneException(
          "label_smoothing: must be within [0, 0.5), got " + labelSmoothing);
    }
    if (labelSmoothing > 0 && !type.supportsLabelSmoothing()) {
      throw new BrandtuneException(
          "label_smoothing: "
              + labelSmoothing
              + " has no effect with loss_type "
              + type.key()
              + "; use loss_type sigmoid (cDPO) or robust, or set label_smoothing to 0");
    }
    if (!(rpoAlpha >= 0) || Double.isInfinite(rpoAlpha)) {
      throw new BrandtuneException("rpo_alpha: must be >= 0, got " + rpoAlpha);
    }
  }

  /** Whether the log-probs fed to {@link #compute} are per-token means rather than sums. */
  public boolean averagesLogProbs() {
    return type == DpoLossType.IPO;
  }

  /** Whether {@link #compute} needs the chosen completions' NLL. */
  public boolean needsChosenNll() {
    return rpoAlpha > 0;
  }

  /**
   * Per-pair results, all (P,) float32.
   *
   * @param losses each pair's loss (attached to the graph through the policy log-probs)
   * @param chosenRewards {@code beta * (policy - reference)} log-prob of the chosen, detached
   * @param rejectedRewards the same for the rejected, detached
   */
  public record Terms(Tensor losses, Tensor chosenRewards, Tensor rejectedRewards) {}

  /**
   * Computes the loss of P pairs. Call inside the caller's {@code PointerScope}.
   *
   * @param policyChosen (P,) policy log-probs of each pair's chosen completion
   * @param policyRejected (P,) policy log-probs of each pair's rejected completion
   * @param referenceChosen (P,) reference log-probs of the chosen (no grad)
   * @param referenceRejected (P,) reference log-probs of the rejected (no grad)
   * @param chosenNll (P,) the chosen completion's mean NLL per token under the policy; used (and
   *     required) only when {@link #needsChosenNll()}
   */
  public Terms compute(
      Tensor policyChosen,
      Tensor policyRejected,
      Tensor referenceChosen,
      Tensor referenceRejected,
      Tensor chosenNll) {
    Tensor chosenRatio = policyChosen.sub(referenceChosen.detach()); // (P,)
    Tensor rejectedRatio = policyRejected.sub(referenceRejected.detach()); // (P,)
    Tensor z = chosenRatio.sub(rejectedRatio); // (P,)
    Tensor betaZ = z.mul(new Scalar(beta));
    double e = labelSmoothing;
    Tensor losses =
        switch (type) {
          case SIGMOID ->
              torch
                  .log_sigmoid(betaZ)
                  .mul(new Scalar(-(1 - e)))
                  .sub(torch.log_sigmoid(betaZ.neg()).mul(new Scalar(e)));
          case ROBUST ->
              torch
                  .log_sigmoid(betaZ)
                  .mul(new Scalar(-(1 - e)))
                  .add(torch.log_sigmoid(betaZ.neg()).mul(new Scalar(e)))
                  .div(new Scalar(1 - 2 * e));
          case IPO -> z.sub(new Scalar(1 / (2 * beta))).square();
          case HINGE -> betaZ.neg().add(new Scalar(1.0)).relu();
        };
    if (needsChosenNll()) {
      if (chosenNll == null) {
        throw new IllegalArgumentException("rpo_alpha > 0 needs the chosen completions' NLL");
      }
      losses = losses.add(chosenNll.mul(new Scalar(rpoAlpha)));
    }
    Tensor chosenRewards = chosenRatio.detach().mul(new Scalar(beta));
    Tensor rejectedRewards = rejectedRatio.detach().mul(new Scalar(beta));
    return new Terms(losses, chosenRewards, rejectedRewards);
  }
}

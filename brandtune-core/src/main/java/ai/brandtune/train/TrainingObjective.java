package ai.brandtune.train;

import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * What an algorithm contributes to the shared loop: the loss of a batch. The loss is a sum over the
 * batch's units (labelled tokens for SFT, pairs for a reward model) so that the trainer can divide
 * by the units of the whole accumulated step: every unit weighs the same however the step was split
 * into micro-batches.
 *
 * @param <B> the algorithm's batch type
 */
public interface TrainingObjective<B> {
  /**
   * Units the summed loss of {@code batch} runs over (its normaliser); 0 when nothing is trained.
   */
  long units(B batch);

  /** Tokens the forward pass processes, for throughput. */
  long tokens(B batch);

  /**
   * Runs the forward pass and returns the summed loss, a float32 scalar that requires grad. Called
   * inside the trainer's scope, with the model in training or evaluation mode as appropriate.
   */
  Tensor summedLoss(B batch);

  /**
   * The summed loss plus named metrics from the same forward pass, which the trainer writes to
   * {@code metrics.jsonl} next to the loss. Objectives without metrics keep this default.
   */
  default BatchLoss loss(B batch) {
    return BatchLoss.of(summedLoss(batch));
  }

  /**
   * Called before an evaluation pass, whose {@link #summedLoss} calls run without gradients;
   * objectives that report more than the loss start collecting here. Default: nothing.
   */
  default void beginEvaluation() {}

  /**
   * Metrics of the evaluation pass since {@link #beginEvaluation}, logged with {@code eval_loss}
   * under {@code eval_<name>}. Default: none.
   */
  default Map<String, Object> endEvaluation() {
    return Map.of();
  }
}

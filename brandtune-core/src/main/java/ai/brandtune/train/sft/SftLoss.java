package ai.brandtune.train.sft;

import ai.brandtune.data.SftBatch;
import ai.brandtune.data.SftExample;
import ai.brandtune.data.SftTensors;
import ai.brandtune.model.CausalLm;
import ai.brandtune.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * The SFT objective: next-token cross-entropy on float32 logits over the labelled tokens (labels
 * shifted by one, -100 ignored). {@link #sum} returns the sum, not the mean, with its token count,
 * so a trainer can divide by the labelled tokens of all gradient-accumulation micro-batches
 * together and weigh every token equally, however the tokens fall into micro-batches.
 */
public final class SftLoss {
  // at::Reduction
  private static final long NONE = 0;
  private static final long SUM = 2;

  private SftLoss() {}

  /**
   * @param loss scalar float32, the summed token cross-entropy, attached to the autograd graph
   * @param labelledTokens how many tokens the sum runs over
   */
  public record Sum(Tensor loss, long labelledTokens) {}

  /**
   * Runs the model on the batch and returns the summed loss. Call inside the caller's {@link
   * PointerScope}; the returned tensor lives in it.
   */
  public static Sum sum(CausalLm model, SftBatch batch) {
    SftTensors tensors = batch.toTensors(model.device());
    Tensor logits = logits(model, tensors);
    long v = logits.size(2);
    long t = logits.size(1);
    Tensor predicted = logits.narrow(1, 0, t - 1).reshape(-1, v); // (B*(T-1), V)
    Tensor targets = tensors.labels().narrow(1, 1, t - 1).reshape(-1); // (B*(T-1))
    Tensor loss =
        torch.cross_entropy_loss(
            predicted, targets, new TensorOptional(), SUM, SftExample.IGNORE_INDEX, 0.0);
    return new Sum(loss, batch.labelledTokens());
  }

  /**
   * Each example's mean token loss, by example ordinal (row for padded batches, segment for
   * packed), without gradients; NaN for an example with no labelled token. For evaluation and for
   * checking that packing changes nothing.
   */
  public static double[] perExampleMeans(CausalLm model, SftBatch batch) {
    float[] tokenLosses;
    try (PointerScope scope = new PointerScope();
        NoGradGuard noGrad = new NoGradGuard()) {
      SftTensors tensors = batch.toTensors(model.device());
      Tensor logits = logits(model, tensors);
      long b = logits.size(0);
      long t = logits.size(1);
      long v = logits.size(2);
      Tensor predicted = logits.narrow(1, 0, t - 1).reshape(-1, v);
      Tensor targets = tensors.labels().narrow(1, 1, t - 1).reshape(-1);
      Tensor losses =
          torch.cross_entropy_loss(
              predicted, targets, new TensorOptional(), NONE, SftExample.IGNORE_INDEX, 0.0);
      tokenLosses = Tensors.toFloats(losses.view(b, t - 1));
    }
    double[] sums = new double[batch.exampleCount()];
    int[] counts = new int[batch.exampleCount()];
    int width = batch.length();
    for (int r = 0; r < batch.rows(); r++) {
      for (int pos = 1; pos < width; pos++) {
        if (batch.labels()[r][pos] == SftExample.IGNORE_INDEX) {
          continue;
        }
        int example = batch.exampleAt(r, pos);
        sums[example] += tokenLosses[r * (width - 1) + pos - 1];
        counts[example]++;
      }
    }
    double[] means = new double[sums.length];
    for (int i = 0; i < means.length; i++) {
      means[i] = counts[i] == 0 ? Double.NaN : sums[i] / counts[i];
    }
    return means;
  }

  /** Float32 logits (B, T, V) with the batch's masking. */
  public static Tensor logits(CausalLm model, SftTensors batch) {
    return batch.attentionMask() != null
        ? model.forwardWithMask(batch.inputIds(), batch.positionIds(), batch.attentionMask())
        : model.forward(batch.inputIds(), batch.positionIds(), batch.keyPadding(), null);
  }
}

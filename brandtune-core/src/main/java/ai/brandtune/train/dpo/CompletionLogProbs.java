package ai.brandtune.train.dpo;

import ai.brandtune.model.CausalLm;
import ai.brandtune.tensor.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Sequence log-probs of completions: for each row, the sum of {@code log p(x_t | x_<t)} over the
 * completion tokens only (prompt and padding excluded), from one forward pass. Only the positions
 * that predict a completion token are projected to the vocabulary, so the (rows, length, vocab)
 * logits of a long prompt are never materialized.
 */
public final class CompletionLogProbs {
  private static final long NO_REDUCTION = 0; // at::Reduction::None
  private static final long IGNORE = -100;

  private CompletionLogProbs() {}

  /**
   * Runs {@code model} on a right-padded batch and returns each row's summed completion log-prob,
   * float32 (R,), attached to the autograd graph when gradients are on. Call inside the caller's
   * {@code PointerScope}.
   *
   * @param inputIds (R, T) int64
   * @param positionIds (R, T) int64
   * @param keyPadding (R, T) bool, true for real tokens, or null when nothing is padded
   * @param completionMask [R][T], true on completion tokens; position 0 predicts nothing and is
   *     never counted
   */
  public static Tensor sums(
      CausalLm model,
      Tensor inputIds,
      Tensor positionIds,
      Tensor keyPadding,
      boolean[][] completionMask) {
    int rows = completionMask.length;
    int length = rows == 0 ? 0 : completionMask[0].length;
    int n = 0;
    for (int r = 0; r < rows; r++) {
      n += count(completionMask[r]);
    }
    long[] predictors = new long[n]; // flat (row, t - 1): the position whose logits predict t
    long[] targets = new long[n]; // flat (row, t)
    long[] rowOf = new long[n];
    int k = 0;
    for (int r = 0; r < rows; r++) {
      for (int t = 1; t < length; t++) {
        if (completionMask[r][t]) {
          predictors[k] = (long) r * length + t - 1;
          targets[k] = (long) r * length + t;
          rowOf[k] = r;
          k++;
        }
      }
    }
    Device device = model.device();
    Tensor hidden = model.decoder().forward(inputIds, positionIds, keyPadding, null); // (R, T, H)
    Tensor picked =
        hidden.reshape(-1, hidden.size(2)).index_select(0, Tensors.longs(predictors, device));
    Tensor logits = model.logits(picked); // (N, V) float32
    Tensor tokens = inputIds.reshape(-1).index_select(0, Tensors.longs(targets, device)); // (N,)
    Tensor nll =
        torch.cross_entropy_loss(
            logits, tokens, new TensorOptional(), NO_REDUCTION, IGNORE, 0.0); // (N,)
    return Tensors.zeros(new long[] {rows}, ScalarType.Float, device)
        .index_add(0, Tensors.longs(rowOf, device), nll.neg()); // (R,)
  }

  /** Completion tokens per row: the positions {@code t >= 1} that {@link #sums} counts. */
  public static int[] counts(boolean[][] completionMask) {
    int[] counts = new int[completionMask.length];
    for (int r = 0; r < counts.length; r++) {
      counts[r] = count(completionMask[r]);
    }
    return counts;
  }

  private static int count(boolean[] row) {
    int c = 0;
    for (int t = 1; t < row.length; t++) {
      c += row[t] ? 1 : 0;
    }
    return c;
  }
}

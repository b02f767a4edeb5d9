package ai.brandtune.train.grpo;

import ai.brandtune.model.CausalLm;
import ai.brandtune.tensor.Tensors;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Per-token log-probs of sampled completions under a model, from one forward pass over prompt +
 * completion rows: {@code log softmax(logits / temperature)} at each completion token, as TRL
 * recomputes them (the temperature the completions were sampled at, so the first update's ratio
 * compares like with like). Only positions that predict a completion token are projected to the
 * vocabulary. Also the mean entropy of those distributions, for the metrics.
 */
final class TokenLogProbs {
  private TokenLogProbs() {}

  /**
   * @param logps (B, T) float32 with T the longest completion; 0 past a row's end; attached to the
   *     graph when gradients are on
   * @param entropySum the summed entropy over every completion token (nats)
   */
  record Result(Tensor logps, double entropySum) {}

  /**
   * Runs inside the caller's scope.
   *
   * @param prompts each row's prompt tokens
   * @param completions each row's completion tokens (at least one)
   */
  static Result compute(
      CausalLm model,
      List<long[]> prompts,
      List<long[]> completions,
      double temperature,
      boolean withEntropy) {
    int rows = prompts.size();
    int width = 0;
    int longest = 1;
    int n = 0;
    for (int r = 0; r < rows; r++) {
      width = Math.max(width, prompts.get(r).length + completions.get(r).length);
      longest = Math.max(longest, completions.get(r).length);
      n += completions.get(r).length;
    }
    long[][] ids = new long[rows][width];
    long[][] positions = new long[rows][width];
    long[][] real = new long[rows][width];
    long[] predictors = new long[n];
    long[] targets = new long[n];
    long[] slots = new long[n]; // flat (row, j) in the (B, T) result
    boolean padded = false;
    int k = 0;
    for (int r = 0; r < rows; r++) {
      long[] p = prompts.get(r);
      long[] c = completions.get(r);
      System.arraycopy(p, 0, ids[r], 0, p.length);
      System.arraycopy(c, 0, ids[r], p.length, c.length);
      int len = p.length + c.length;
      for (int t = 0; t < width; t++) {
        positions[r][t] = t;
        real[r][t] = t < len ? 1 : 0;
      }
      padded |= len < width;
      for (int j = 0; j < c.length; j++) {
        predictors[k] = (long) r * width + p.length + j - 1;
        targets[k] = c[j];
        slots[k] = (long) r * longest + j;
        k++;
      }
    }
    Device device = model.device();
    Tensor keyPadding = padded ? Tensors.longs(real, device).to(ScalarType.Bool) : null;
    Tensor hidden =
        model
            .decoder()
            .forward(
                Tensors.longs(ids, device), Tensors.longs(positions, device), keyPadding, null);
    Tensor picked =
        hidden.reshape(-1, hidden.size(2)).index_select(0, Tensors.longs(predictors, device));
    Tensor logits = model.logits(picked).to(ScalarType.Float); // (N, V)
    if (temperature > 0 && temperature != 1.0) {
      logits = logits.div(new Scalar(temperature));
    }
    Tensor all = torch.log_softmax(logits, -1); // (N, V)
    Tensor tokenLogps =
        all.gather(1, Tensors.longs(targets, device).unsqueeze(1)).squeeze(1); // (N,)
    double entropy = 0;
    if (withEntropy) {
      Tensor a = all.detach();
      entropy =
          -torch
              .exp(a)
              .mul(a)
              .sum(new long[] {0, 1}, false, new ScalarTypeOptional())
              .item_double();
    }
    Tensor out =
        Tensors.zeros(new long[] {(long) rows * longest}, ScalarType.Float, device)
            .index_copy(0, Tensors.longs(slots, device), tokenLogps)
            .view(rows, longest);
    return new Result(out, entropy);
  }
}

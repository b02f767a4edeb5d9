package ai.brandtune.train;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/** Global-norm gradient clipping through libtorch's {@code clip_grad_norm_}. */
public final class GradientClipping {
  private GradientClipping() {}

  /**
   * Scales the gradients down so their global L2 norm is at most {@code maxNorm} (0: no clipping)
   * and returns the norm before clipping, which the metrics log.
   */
  public static double clip(List<Tensor> parameters, double maxNorm) {
    try (PointerScope s = new PointerScope()) {
      TensorVector params = new TensorVector(parameters.toArray(new Tensor[0]));
      return torch.clip_grad_norm_(params, maxNorm > 0 ? maxNorm : Double.POSITIVE_INFINITY);
    }
  }
}

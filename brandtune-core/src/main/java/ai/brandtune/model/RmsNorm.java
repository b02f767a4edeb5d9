package ai.brandtune.model;

import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * RMSNorm as HF computes it: normalize in float32, cast back to the input dtype, then scale. The
 * order matters in bf16 (scaling before the cast rounds differently).
 */
public final class RmsNorm {
  private final String name;
  private final Tensor weight;
  private final double eps;

  public RmsNorm(String name, Tensor weight, double eps) {
    this.name = name;
    this.weight = weight;
    this.eps = eps;
  }

  public static RmsNorm load(ParameterSource src, String name, long size, double eps) {
    return new RmsNorm(name, src.get(name, new long[] {size}, ParameterSource.Kind.NORM), eps);
  }

  public Tensor forward(Tensor x) {
    // JavaCPP returns fresh enum objects from scalar_type(): compare values, not identity
    ScalarType dtype = x.scalar_type();
    boolean float32 = dtype.value == ScalarType.Float.value;
    Tensor x32 = float32 ? x : x.to(ScalarType.Float);
    Tensor normed =
        torch.rms_norm(x32, new long[] {x.size(-1)}, new TensorOptional(), new DoubleOptional(eps));
    return (float32 ? normed : normed.to(dtype)).mul(weight);
  }

  public void collect(java.util.Map<String, Tensor> into) {
    into.put(name, weight);
  }
}

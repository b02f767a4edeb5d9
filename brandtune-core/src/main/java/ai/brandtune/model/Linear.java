package ai.brandtune.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** {@code y = x W^T + b}, with HF's weight layout (out_features, in_features). */
public class Linear {
  protected final String name;
  protected final Tensor weight;
  protected final Tensor bias;

  public Linear(String name, Tensor weight, Tensor bias) {
    this.name = name;
    this.weight = weight;
    this.bias = bias;
  }

  /** Loads {@code <prefix>.weight} (and {@code .bias} when {@code withBias}). */
  public static Linear load(
      ParameterSource src, String prefix, long in, long out, boolean withBias) {
    Tensor w = src.get(prefix + ".weight", new long[] {out, in}, ParameterSource.Kind.WEIGHT);
    Tensor b =
        withBias ? src.get(prefix + ".bias", new long[] {out}, ParameterSource.Kind.BIAS) : null;
    return new Linear(prefix, w, b);
  }

  public Tensor forward(Tensor x) {
    return bias == null
        ? torch.linear(x, weight)
        : torch.linear(x, weight, new TensorOptional(bias));
  }

  public void collect(java.util.Map<String, Tensor> into) {
    into.put(name + ".weight", weight);
    if (bias != null) {
      into.put(name + ".bias", bias);
    }
  }

  public Tensor weight() {
    return weight;
  }
}

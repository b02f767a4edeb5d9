package ai.brandtune.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code y = x W^T + b}, with HF's weight layout (out_features, in_features), plus the output of an
 * attached {@link LinearAdapter} if there is one.
 */
public class Linear {
  protected final String name;
  protected final Tensor weight;
  protected final Tensor bias;
  private LinearAdapter adapter;

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
    Tensor y =
        bias == null ? torch.linear(x, weight) : torch.linear(x, weight, new TensorOptional(bias));
    return adapter == null || !adapter.active() ? y : y.add(adapter.delta(x));
  }

  /** Adds {@code a}'s output to this layer's from now on; one adapter at a time. */
  public void attach(LinearAdapter a) {
    if (a == null) {
      throw new IllegalArgumentException(name + ": adapter is null");
    }
    if (adapter != null) {
      throw new IllegalStateException(name + " already has an adapter attached; detach it first");
    }
    adapter = a;
  }

  /** Removes the attached adapter, if any, and returns it (null when there was none). */
  public LinearAdapter detach() {
    LinearAdapter a = adapter;
    adapter = null;
    return a;
  }

  /** The attached adapter, or null. */
  public LinearAdapter adapter() {
    return adapter;
  }

  /** The HF module name, e.g. {@code model.layers.0.self_attn.q_proj}. */
  public String name() {
    return name;
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

  /** The bias, or null when the layer has none. */
  public Tensor bias() {
    return bias;
  }
}

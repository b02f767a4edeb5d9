package ai.brandtune.model;

import org.bytedeco.pytorch.Tensor;

/**
 * Supplies a model's parameters by HF name and expected shape: from a checkpoint when loading, from
 * a random initializer when creating a model. Implementations return tensors already in the model's
 * dtype and on its device.
 */
@FunctionalInterface
public interface ParameterSource {
  /** {@code kind} tells initializers how to fill a new tensor. */
  Tensor get(String name, long[] shape, Kind kind);

  /** What a parameter is, which decides how a fresh one is initialized (as HF's _init_weights). */
  enum Kind {
    /** Linear or embedding weight: normal(0, initializer_range). */
    WEIGHT,
    /** Bias: zeros. */
    BIAS,
    /** RMSNorm scale: ones. */
    NORM
  }
}

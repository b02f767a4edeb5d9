package ai.brandtune.model;

import org.bytedeco.pytorch.Tensor;

/**
 * Something added to a {@link Linear}'s output without touching its weight, such as a LoRA update:
 * with an adapter attached, the layer computes {@code x W^T + b + delta(x)}. Keeping the hook this
 * small lets the model stay ignorant of LoRA, which lives in {@code ai.brandtune.model.lora}.
 */
@FunctionalInterface
public interface LinearAdapter {
  /**
   * @param x the layer's input (…, in_features), in the model's dtype
   * @return the addition to the layer's output (…, out_features), in {@code x}'s dtype
   */
  Tensor delta(Tensor x);

  /**
   * Whether the layer adds {@link #delta} right now. An adapter switched off leaves the layer
   * computing its base output, which is how a LoRA model also serves as its own frozen reference
   * (DPO) without a second copy of the weights.
   */
  default boolean active() {
    return true;
  }
}

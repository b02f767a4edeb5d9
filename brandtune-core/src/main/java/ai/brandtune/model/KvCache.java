package ai.brandtune.model;

import ai.brandtune.tensor.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Keys and values of past positions, preallocated for {@code capacity} positions so a decode step
 * writes in place instead of concatenating. Create it outside the per-step pointer scopes: it lives
 * for the whole generation.
 */
public final class KvCache {
  private final Tensor[] keys; // per layer (B, KV, capacity, D)
  private final Tensor[] values;
  private final int capacity;
  private int length;

  public KvCache(ModelConfig config, int batch, int capacity, ScalarType dtype, Device device) {
    long[] shape = {batch, config.numKeyValueHeads(), capacity, config.headDim()};
    this.keys = new Tensor[config.numHiddenLayers()];
    this.values = new Tensor[config.numHiddenLayers()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = Tensors.zeros(shape, dtype, device);
      values[i] = Tensors.zeros(shape, dtype, device);
    }
    this.capacity = capacity;
  }

  /** Positions already cached. */
  public int length() {
    return length;
  }

  public int capacity() {
    return capacity;
  }

  /**
   * Stores this step's (B, KV, T, D) keys and values of one layer after the cached ones and returns
   * views over all positions so far.
   */
  Tensor[] update(int layer, Tensor k, Tensor v) {
    long t = k.size(2);
    if (length + t > capacity) {
      throw new IllegalStateException("KV cache full: " + length + " + " + t + " > " + capacity);
    }
    keys[layer].narrow(2, length, t).copy_(k);
    values[layer].narrow(2, length, t).copy_(v);
    return new Tensor[] {
      keys[layer].narrow(2, 0, length + t), values[layer].narrow(2, 0, length + t)
    };
  }

  /** Called once per forward pass, after every layer stored its {@code t} new positions. */
  void advance(int t) {
    length += t;
  }
}

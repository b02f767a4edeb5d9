package ai.brandtune.model;

import ai.brandtune.tensor.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Rotary position embedding in HF's rotate-half convention: the first and second halves of each
 * head form the rotated pairs, and cos/sin are computed in float32 from the position ids.
 */
public final class RotaryEmbedding {
  private final Tensor invFreq; // (D/2) float32

  public RotaryEmbedding(ModelConfig config, Device device) {
    this.invFreq =
        Tensors.floats(inverseFrequencies(config), new long[] {config.headDim() / 2}, device);
  }

  /** {@code 1 / theta^(2i/D)}, adjusted by Llama-3 frequency scaling when configured. */
  static float[] inverseFrequencies(ModelConfig config) {
    int half = config.headDim() / 2;
    float[] inv = new float[half];
    for (int i = 0; i < half; i++) {
      // float32 like HF: the exponent is computed in float, the power in float
      float exponent = (float) (2 * i) / config.headDim();
      inv[i] = (float) (1.0 / Math.pow(config.ropeTheta(), exponent));
    }
    ModelConfig.RopeScaling s = config.ropeScaling();
    if (s != null) {
      double lowFreqWavelen = s.originalMaxPositionEmbeddings() / s.lowFreqFactor();
      double highFreqWavelen = s.originalMaxPositionEmbeddings() / s.highFreqFactor();
      for (int i = 0; i < half; i++) {
        double wavelen = 2 * Math.PI / inv[i];
        if (wavelen > lowFreqWavelen) {
          inv[i] = (float) (inv[i] / s.factor());
        } else if (wavelen >= highFreqWavelen) {
          double smooth =
              (s.originalMaxPositionEmbeddings() / wavelen - s.lowFreqFactor())
                  / (s.highFreqFactor() - s.lowFreqFactor());
          inv[i] = (float) ((1 - smooth) * inv[i] / s.factor() + smooth * inv[i]);
        }
      }
    }
    return inv;
  }

  /** cos and sin for (B, T) position ids, shaped (B, 1, T, D) to broadcast over heads. */
  public Tensor[] cosSin(Tensor positionIds, ScalarType dtype) {
    Tensor freqs = positionIds.to(ScalarType.Float).unsqueeze(-1).mul(invFreq); // (B, T, D/2)
    Tensor emb = torch.cat(new TensorVector(freqs, freqs), -1).unsqueeze(1); // (B, 1, T, D)
    return new Tensor[] {emb.cos().to(dtype), emb.sin().to(dtype)};
  }

  /** {@code x * cos + rotate_half(x) * sin} for x shaped (B, heads, T, D). */
  public static Tensor apply(Tensor x, Tensor cos, Tensor sin) {
    long half = x.size(-1) / 2;
    Tensor x1 = x.narrow(-1, 0, half);
    Tensor x2 = x.narrow(-1, half, half);
    Tensor rotated = torch.cat(new TensorVector(x2.neg(), x1), -1);
    return x.mul(cos).add(rotated.mul(sin));
  }
}

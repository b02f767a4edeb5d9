package ai.brandtune.model;

import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * Grouped-query self-attention through libtorch's scaled_dot_product_attention, with Qwen2's q/k/v
 * biases and Qwen3's per-head q/k RMSNorm where the architecture has them.
 */
final class Attention {
  private final int layer;
  private final int heads;
  private final int kvHeads;
  private final int headDim;
  final Linear q;
  final Linear k;
  final Linear v;
  final Linear o;
  private final RmsNorm qNorm;
  private final RmsNorm kNorm;

  Attention(ModelConfig c, int layer, ParameterSource src) {
    String p = "model.layers." + layer + ".self_attn.";
    boolean bias = c.architecture().qkvBias();
    long h = c.hiddenSize();
    this.layer = layer;
    this.heads = c.numAttentionHeads();
    this.kvHeads = c.numKeyValueHeads();
    this.headDim = c.headDim();
    this.q = Linear.load(src, p + "q_proj", h, (long) heads * headDim, bias);
    this.k = Linear.load(src, p + "k_proj", h, (long) kvHeads * headDim, bias);
    this.v = Linear.load(src, p + "v_proj", h, (long) kvHeads * headDim, bias);
    this.o = Linear.load(src, p + "o_proj", (long) heads * headDim, h, false);
    boolean qkNorm = c.architecture().qkNorm();
    this.qNorm = qkNorm ? RmsNorm.load(src, p + "q_norm.weight", headDim, c.rmsNormEps()) : null;
    this.kNorm = qkNorm ? RmsNorm.load(src, p + "k_norm.weight", headDim, c.rmsNormEps()) : null;
  }

  /**
   * @param x (B, T, H)
   * @param mask (B, 1, T, Tk) boolean, true where attention is allowed; null means plain causal
   */
  Tensor forward(Tensor x, Tensor cos, Tensor sin, Tensor mask, KvCache cache) {
    long b = x.size(0);
    long t = x.size(1);
    Tensor qh = heads(q.forward(x), b, t, heads, qNorm); // (B, nH, T, D)
    Tensor kh = heads(k.forward(x), b, t, kvHeads, kNorm); // (B, KV, T, D)
    Tensor vh = heads(v.forward(x), b, t, kvHeads, null);
    qh = RotaryEmbedding.apply(qh, cos, sin);
    kh = RotaryEmbedding.apply(kh, cos, sin);
    if (cache != null) {
      Tensor[] kv = cache.update(layer, kh, vh);
      kh = kv[0];
      vh = kv[1];
    }
    Tensor out =
        torch.scaled_dot_product_attention(
            qh,
            kh,
            vh,
            mask == null ? new TensorOptional() : new TensorOptional(mask),
            0.0,
            mask == null,
            new DoubleOptional(),
            kvHeads != heads); // (B, nH, T, D)
    return o.forward(out.transpose(1, 2).reshape(b, t, (long) heads * headDim));
  }

  private Tensor heads(Tensor projected, long b, long t, int n, RmsNorm norm) {
    Tensor x = projected.view(b, t, n, headDim);
    if (norm != null) {
      x = norm.forward(x);
    }
    return x.transpose(1, 2);
  }

  void collect(java.util.Map<String, Tensor> into) {
    q.collect(into);
    k.collect(into);
    v.collect(into);
    o.collect(into);
    if (qNorm != null) {
      qNorm.collect(into);
      kNorm.collect(into);
    }
  }
}

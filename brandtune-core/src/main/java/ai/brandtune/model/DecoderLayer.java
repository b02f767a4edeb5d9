package ai.brandtune.model;

import org.bytedeco.pytorch.Tensor;

/** One pre-norm transformer block: attention and MLP, each around a residual connection. */
final class DecoderLayer {
  private final RmsNorm inputNorm;
  private final Attention attention;
  private final RmsNorm postAttentionNorm;
  private final Mlp mlp;

  DecoderLayer(ModelConfig c, int layer, ParameterSource src) {
    String p = "model.layers." + layer + ".";
    this.inputNorm =
        RmsNorm.load(src, p + "input_layernorm.weight", c.hiddenSize(), c.rmsNormEps());
    this.attention = new Attention(c, layer, src);
    this.postAttentionNorm =
        RmsNorm.load(src, p + "post_attention_layernorm.weight", c.hiddenSize(), c.rmsNormEps());
    this.mlp = new Mlp(c, layer, src);
  }

  Tensor forward(Tensor x, Tensor cos, Tensor sin, Tensor mask, KvCache cache) {
    Tensor h = x.add(attention.forward(inputNorm.forward(x), cos, sin, mask, cache));
    return h.add(mlp.forward(postAttentionNorm.forward(h)));
  }

  Attention attention() {
    return attention;
  }

  Mlp mlp() {
    return mlp;
  }

  void collect(java.util.Map<String, Tensor> into) {
    inputNorm.collect(into);
    attention.collect(into);
    postAttentionNorm.collect(into);
    mlp.collect(into);
  }
}

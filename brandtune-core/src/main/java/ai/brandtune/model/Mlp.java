package ai.brandtune.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** SwiGLU feed-forward: {@code down(silu(gate(x)) * up(x))}. */
final class Mlp {
  final Linear gate;
  final Linear up;
  final Linear down;

  Mlp(ModelConfig c, int layer, ParameterSource src) {
    String p = "model.layers." + layer + ".mlp.";
    long h = c.hiddenSize();
    long i = c.intermediateSize();
    this.gate = Linear.load(src, p + "gate_proj", h, i, false);
    this.up = Linear.load(src, p + "up_proj", h, i, false);
    this.down = Linear.load(src, p + "down_proj", i, h, false);
  }

  Tensor forward(Tensor x) {
    return down.forward(torch.silu(gate.forward(x)).mul(up.forward(x)));
  }

  void collect(java.util.Map<String, Tensor> into) {
    gate.collect(into);
    up.collect(into);
    down.collect(into);
  }
}

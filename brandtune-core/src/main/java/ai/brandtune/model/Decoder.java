package ai.brandtune.model;

import ai.brandtune.tensor.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The transformer body shared by the causal LM and the reward model: token embeddings, the layers
 * and the final norm. Returns the last hidden states.
 */
public final class Decoder {
  private final ModelConfig config;
  private final Tensor embedTokens; // (V, H)
  private final List<DecoderLayer> layers = new ArrayList<>();
  private final RmsNorm norm;
  private final RotaryEmbedding rope;
  private final Device device;
  private final ScalarType dtype;

  public Decoder(ModelConfig c, ParameterSource src, Device device, ScalarType dtype) {
    this.config = c;
    this.device = device;
    this.dtype = dtype;
    this.embedTokens =
        src.get(
            "model.embed_tokens.weight",
            new long[] {c.vocabSize(), c.hiddenSize()},
            ParameterSource.Kind.WEIGHT);
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      layers.add(new DecoderLayer(c, i, src));
    }
    this.norm = RmsNorm.load(src, "model.norm.weight", c.hiddenSize(), c.rmsNormEps());
    this.rope = new RotaryEmbedding(c, device);
  }

  /**
   * @param inputIds (B, T) int64
   * @param positionIds (B, T) int64
   * @param keyPadding (B, past + T) boolean, true for real tokens; null when nothing is padded
   * @param cache past keys and values, updated in place; null for a single full pass
   * @return hidden states after the final norm, (B, T, H)
   */
  public Tensor forward(Tensor inputIds, Tensor positionIds, Tensor keyPadding, KvCache cache) {
    int past = cache == null ? 0 : cache.length();
    return run(inputIds, positionIds, attentionMask(inputIds.size(1), past, keyPadding), cache);
  }

  /**
   * A full pass (no cache) under an explicit attention mask, for packed sequences where several
   * examples share a row and must not see each other (see {@link AttentionMasks#blockCausal}).
   *
   * @param inputIds (B, T) int64
   * @param positionIds (B, T) int64; packed examples restart at 0
   * @param attentionMask (B or 1, 1, T, T) boolean, true where query row t may attend key column s;
   *     it replaces the causal mask, so it must be causal itself, and every row needs at least one
   *     true entry (an all-false row gives NaN)
   * @return hidden states after the final norm, (B, T, H)
   */
  public Tensor forwardWithMask(Tensor inputIds, Tensor positionIds, Tensor attentionMask) {
    long t = inputIds.size(1);
    if (attentionMask.dim() != 4
        || attentionMask.size(1) != 1
        || attentionMask.size(2) != t
        || attentionMask.size(3) != t
        || (attentionMask.size(0) != 1 && attentionMask.size(0) != inputIds.size(0))) {
      throw new IllegalArgumentException(
          "attention mask must be (B or 1, 1, T, T) for T = "
              + t
              + ", got "
              + shape(attentionMask));
    }
    if (attentionMask.scalar_type().value != ScalarType.Bool.value) {
      throw new IllegalArgumentException("attention mask must be boolean (true = may attend)");
    }
    return run(inputIds, positionIds, attentionMask, null);
  }

  private Tensor run(Tensor inputIds, Tensor positionIds, Tensor mask, KvCache cache) {
    long t = inputIds.size(1);
    Tensor[] cosSin = rope.cosSin(positionIds, dtype);
    Tensor x = torch.embedding(embedTokens, inputIds); // (B, T, H)
    for (DecoderLayer layer : layers) {
      x = layer.forward(x, cosSin[0], cosSin[1], mask, cache);
    }
    if (cache != null) {
      cache.advance((int) t);
    }
    return norm.forward(x);
  }

  /**
   * (B or 1, 1, T, past + T) boolean: causal, minus padded keys. Each query may always see itself,
   * so a padded query row never turns into NaN (which would leak through 0 * NaN into real rows).
   * Null means SDPA's own causal mask suffices.
   */
  private Tensor attentionMask(long t, int past, Tensor keyPadding) {
    if (keyPadding == null && past == 0) {
      return null;
    }
    long total = past + t;
    Tensor queryPos =
        torch
            .arange(
                new org.bytedeco.pytorch.Scalar(past),
                new org.bytedeco.pytorch.Scalar(total),
                Tensors.options(ScalarType.Long, device))
            .view(t, 1);
    Tensor keyPos =
        torch
            .arange(
                new org.bytedeco.pytorch.Scalar(total), Tensors.options(ScalarType.Long, device))
            .view(1, total);
    Tensor allowed = keyPos.le(queryPos).view(1, 1, t, total); // causal
    if (keyPadding != null) {
      allowed =
          allowed.logical_and(keyPadding.to(ScalarType.Bool).view(keyPadding.size(0), 1, 1, total));
      allowed = allowed.logical_or(keyPos.eq(queryPos).view(1, 1, t, total));
    }
    return allowed;
  }

  private static String shape(Tensor x) {
    return java.util.Arrays.toString(Tensors.shape(x));
  }

  public ModelConfig config() {
    return config;
  }

  public Device device() {
    return device;
  }

  public ScalarType dtype() {
    return dtype;
  }

  public Tensor embedTokens() {
    return embedTokens;
  }

  /** Parameters under their HF names, in checkpoint order. */
  public void collect(Map<String, Tensor> into) {
    into.put("model.embed_tokens.weight", embedTokens);
    for (DecoderLayer layer : layers) {
      layer.collect(into);
    }
    norm.collect(into);
  }

  /**
   * Every projection of every layer under its HF module name ({@code
   * model.layers.N.self_attn.q_proj}, ..., {@code model.layers.N.mlp.down_proj}), layer by layer in
   * checkpoint order: what adapters such as LoRA attach to.
   */
  public Map<String, Linear> linears() {
    Map<String, Linear> all = new LinkedHashMap<>();
    for (DecoderLayer layer : layers) {
      Attention a = layer.attention();
      Mlp m = layer.mlp();
      for (Linear l : List.of(a.q, a.k, a.v, a.o, m.gate, m.up, m.down)) {
        all.put(l.name(), l);
      }
    }
    return all;
  }

  List<DecoderLayer> layers() {
    return layers;
  }
}

package ai.brandtune.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** A decoder with a language-model head ({@code lm_head}, or the embeddings when tied). */
public final class CausalLm {
  private final Decoder decoder;
  private final Tensor lmHead; // (V, H)

  public CausalLm(ModelConfig c, ParameterSource src, Device device, ScalarType dtype) {
    this.decoder = new Decoder(c, src, device, dtype);
    this.lmHead =
        c.tieWordEmbeddings()
            ? decoder.embedTokens()
            : src.get(
                "lm_head.weight",
                new long[] {c.vocabSize(), c.hiddenSize()},
                ParameterSource.Kind.WEIGHT);
  }

  /** Logits for every position, float32 (B, T, V). Arguments as in {@link Decoder#forward}. */
  public Tensor forward(Tensor inputIds, Tensor positionIds, Tensor keyPadding, KvCache cache) {
    return logits(decoder.forward(inputIds, positionIds, keyPadding, cache));
  }

  /**
   * Logits for every position, float32 (B, T, V), under an explicit attention mask (packed
   * sequences). Arguments as in {@link Decoder#forwardWithMask}.
   */
  public Tensor forwardWithMask(Tensor inputIds, Tensor positionIds, Tensor attentionMask) {
    return logits(decoder.forwardWithMask(inputIds, positionIds, attentionMask));
  }

  /** Logits of the last position only, float32 (B, V): generation needs no others. */
  public Tensor forwardLast(Tensor inputIds, Tensor positionIds, Tensor keyPadding, KvCache cache) {
    Tensor hidden = decoder.forward(inputIds, positionIds, keyPadding, cache);
    return logits(hidden.select(1, hidden.size(1) - 1));
  }

  /** Projects hidden states (…, H) to float32 logits (…, V). */
  public Tensor logits(Tensor hidden) {
    return torch.linear(hidden, lmHead).to(ScalarType.Float);
  }

  public Decoder decoder() {
    return decoder;
  }

  public ModelConfig config() {
    return decoder.config();
  }

  public Device device() {
    return decoder.device();
  }

  public ScalarType dtype() {
    return decoder.dtype();
  }

  /**
   * The decoder's projections under their HF module names (see {@link Decoder#linears}); {@code
   * lm_head} is not among them, as with PEFT's {@code all-linear}.
   */
  public Map<String, Linear> linears() {
    return decoder.linears();
  }

  /** Parameters under their HF names; {@code lm_head.weight} only when not tied. */
  public Map<String, Tensor> parameters() {
    Map<String, Tensor> all = new LinkedHashMap<>();
    decoder.collect(all);
    if (!config().tieWordEmbeddings()) {
      all.put("lm_head.weight", lmHead);
    }
    return all;
  }
}

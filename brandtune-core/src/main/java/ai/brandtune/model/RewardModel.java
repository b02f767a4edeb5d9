package ai.brandtune.model;

import ai.brandtune.tensor.Scopes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A decoder with a scalar head: transformers' {@code *ForSequenceClassification} with {@code
 * num_labels: 1}, the layout Bradley-Terry reward models (Skywork-Reward, WorldPM) ship in. The
 * reward of a sequence is {@code score · h}, where {@code h} is the final hidden state of its last
 * real (non-padding) token; the head is {@code score.weight}, Linear(hidden, 1) without bias.
 *
 * <p>The head is held in float32 whatever the decoder's dtype: it is tiny, it always trains (with
 * LoRA too, as PEFT's {@code modules_to_save}), and float32 keeps scores comparable across a bf16
 * and a float32 run. Checkpoints store it in the model's dtype, as transformers does.
 */
public final class RewardModel {
  /** The head's tensor name in a SequenceClassification checkpoint. */
  public static final String SCORE_WEIGHT = "score.weight";

  /** The head's module name (PEFT's {@code modules_to_save} entry). */
  public static final String SCORE_MODULE = "score";

  private final Decoder decoder;
  private final Tensor score; // (1, H) float32

  /**
   * @param decoderSource the decoder's parameters
   * @param headSource {@code score.weight} of shape (1, hidden); any dtype, held as float32
   */
  public RewardModel(
      ModelConfig c,
      ParameterSource decoderSource,
      ParameterSource headSource,
      Device device,
      ScalarType dtype) {
    this.decoder = new Decoder(c, decoderSource, device, dtype);
    Tensor head =
        headSource.get(SCORE_WEIGHT, new long[] {1, c.hiddenSize()}, ParameterSource.Kind.WEIGHT);
    // an alias when already float32 on the device; the source's own reference is dropped
    this.score = Scopes.persistent(() -> head.to(device, ScalarType.Float));
    Scopes.release(head);
  }

  /**
   * Rewards of a right- or left-padded batch, float32 (B).
   *
   * @param inputIds (B, T) int64
   * @param positionIds (B, T) int64
   * @param keyPadding (B, T) boolean, true for real tokens; null when nothing is padded
   * @param lastIndex (B) int64, the position of each row's last real token
   */
  public Tensor forward(Tensor inputIds, Tensor positionIds, Tensor keyPadding, Tensor lastIndex) {
    Tensor hidden = decoder.forward(inputIds, positionIds, keyPadding, null); // (B, T, H)
    long b = hidden.size(0);
    long h = hidden.size(2);
    Tensor index = lastIndex.view(b, 1, 1).expand(b, 1, h); // (B, 1, H)
    Tensor last = hidden.gather(1, index).view(b, h); // (B, H)
    return rewards(last);
  }

  /** Projects final hidden states (…, H) to float32 rewards (…). */
  public Tensor rewards(Tensor hidden) {
    Tensor r = torch.linear(hidden.to(ScalarType.Float), score).to(ScalarType.Float); // (…, 1)
    return r.squeeze(-1);
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

  /** The decoder's dtype (the head is float32). */
  public ScalarType dtype() {
    return decoder.dtype();
  }

  /** {@code score.weight}, (1, hidden) float32. */
  public Tensor score() {
    return score;
  }

  /** The decoder's projections under their HF module names, what LoRA attaches to. */
  public Map<String, Linear> linears() {
    return decoder.linears();
  }

  /** Parameters under their HF names: the decoder's, then {@code score.weight}; no lm_head. */
  public Map<String, Tensor> parameters() {
    Map<String, Tensor> all = new LinkedHashMap<>();
    decoder.collect(all);
    all.put(SCORE_WEIGHT, score);
    return all;
  }
}

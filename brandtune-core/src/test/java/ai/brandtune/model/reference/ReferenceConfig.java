package ai.brandtune.model.reference;

import java.util.Set;

/**
 * The subset of a Hugging Face decoder config that {@link ReferenceDecoder} needs.
 *
 * <p>{@code headDim} is explicit (HF's {@code config.head_dim}, defaulting to {@code hidden_size /
 * num_attention_heads} for Llama/Qwen2) because Qwen3 checkpoints have {@code numHeads * headDim !=
 * hiddenSize}. Only the default RoPE type is modelled (no {@code rope_scaling}), and no sliding
 * window (HF's default {@code use_sliding_window=false} for Qwen2/Qwen3).
 *
 * @param architecture "llama", "qwen2" (q/k/v biases) or "qwen3" (per-head q/k RMSNorm)
 */
public record ReferenceConfig(
    String architecture,
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numLayers,
    int numHeads,
    int numKvHeads,
    int headDim,
    double ropeTheta,
    double rmsNormEps,
    boolean tieWordEmbeddings) {

  /** Architectures whose modeling code this reference follows. */
  public static final Set<String> ARCHITECTURES = Set.of("llama", "qwen2", "qwen3");

  public ReferenceConfig {
    if (architecture == null || !ARCHITECTURES.contains(architecture)) {
      throw new IllegalArgumentException(
          "architecture must be one of " + ARCHITECTURES + ", got " + architecture);
    }
    requirePositive("vocabSize", vocabSize);
    requirePositive("hiddenSize", hiddenSize);
    requirePositive("intermediateSize", intermediateSize);
    requirePositive("numLayers", numLayers);
    requirePositive("numHeads", numHeads);
    requirePositive("numKvHeads", numKvHeads);
    requirePositive("headDim", headDim);
    if (numHeads % numKvHeads != 0) {
      // HF's repeat_kv needs an integer number of query heads per KV head.
      throw new IllegalArgumentException(
          "numHeads (" + numHeads + ") must be a multiple of numKvHeads (" + numKvHeads + ")");
    }
    if (headDim % 2 != 0) {
      // rotate_half splits the head into two equal halves.
      throw new IllegalArgumentException("headDim must be even, got " + headDim);
    }
    if (!(ropeTheta > 0) || Double.isInfinite(ropeTheta)) {
      throw new IllegalArgumentException("ropeTheta must be positive and finite, got " + ropeTheta);
    }
    if (!(rmsNormEps >= 0) || Double.isInfinite(rmsNormEps)) {
      throw new IllegalArgumentException("rmsNormEps must be >= 0 and finite, got " + rmsNormEps);
    }
  }

  /** Qwen2 is the only one of the three whose q/k/v projections have a bias (o_proj has none). */
  public boolean hasQkvBias() {
    return architecture.equals("qwen2");
  }

  /** Qwen3 RMS-normalises each query and key head over head_dim before RoPE. */
  public boolean hasQkNorm() {
    return architecture.equals("qwen3");
  }

  /** Query heads sharing one KV head (HF's {@code num_key_value_groups}). */
  public int kvGroups() {
    return numHeads / numKvHeads;
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}

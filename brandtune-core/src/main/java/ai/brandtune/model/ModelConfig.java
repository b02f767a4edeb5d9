package ai.brandtune.model;

import java.util.List;

/**
 * The decoder's hyperparameters, named after the fields of HF {@code config.json} (see {@link
 * ModelConfigJson} for reading and writing). {@code eosTokenIds} holds {@code eos_token_id}, which
 * HF allows as an int or a list.
 */
public record ModelConfig(
    Architecture architecture,
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int numKeyValueHeads,
    int headDim,
    int maxPositionEmbeddings,
    double ropeTheta,
    RopeScaling ropeScaling,
    double rmsNormEps,
    boolean tieWordEmbeddings,
    double initializerRange,
    Integer bosTokenId,
    List<Integer> eosTokenIds,
    Integer padTokenId,
    String torchDtype) {

  public ModelConfig {
    eosTokenIds = List.copyOf(eosTokenIds);
    if (numAttentionHeads % numKeyValueHeads != 0) {
      throw new IllegalArgumentException(
          "num_attention_heads ("
              + numAttentionHeads
              + ") must be a multiple of num_key_value_heads ("
              + numKeyValueHeads
              + ")");
    }
  }

  /** Query heads per key/value head (1 without grouped-query attention). */
  public int groupSize() {
    return numAttentionHeads / numKeyValueHeads;
  }

  public ModelConfig withVocabSize(int vocab) {
    return copy(vocab, bosTokenId, eosTokenIds, padTokenId, torchDtype);
  }

  public ModelConfig withSpecialTokens(Integer bos, List<Integer> eos, Integer pad) {
    return copy(vocabSize, bos, eos, pad, torchDtype);
  }

  /** {@code torch_dtype} as transformers names it: float32, bfloat16, float16. */
  public ModelConfig withTorchDtype(String dtype) {
    return copy(vocabSize, bosTokenId, eosTokenIds, padTokenId, dtype);
  }

  /** The same shape with other vocabulary-level fields. */
  private ModelConfig copy(int vocab, Integer bos, List<Integer> eos, Integer pad, String dtype) {
    return new ModelConfig(
        architecture,
        vocab,
        hiddenSize,
        intermediateSize,
        numHiddenLayers,
        numAttentionHeads,
        numKeyValueHeads,
        headDim,
        maxPositionEmbeddings,
        ropeTheta,
        ropeScaling,
        rmsNormEps,
        tieWordEmbeddings,
        initializerRange,
        bos,
        eos,
        pad,
        dtype);
  }

  /** Number of parameters, embeddings and head included (the head once when tied). */
  public long parameterCount() {
    long h = hiddenSize;
    long q = (long) numAttentionHeads * headDim;
    long kv = (long) numKeyValueHeads * headDim;
    long attention = h * q + 2 * h * kv + q * h;
    if (architecture.qkvBias()) {
      attention += q + 2 * kv;
    }
    if (architecture.qkNorm()) {
      attention += 2L * headDim;
    }
    long mlp = 3 * h * intermediateSize;
    long layer = attention + mlp + 2 * h;
    long embeddings = (long) vocabSize * h * (tieWordEmbeddings ? 1 : 2);
    return numHiddenLayers * layer + embeddings + h;
  }

  /**
   * Llama-3 style frequency-dependent RoPE scaling ({@code rope_scaling.rope_type: llama3}); the
   * only scaling type brandtune implements. {@code null} in {@link ModelConfig} means none.
   */
  public record RopeScaling(
      double factor,
      double lowFreqFactor,
      double highFreqFactor,
      int originalMaxPositionEmbeddings) {}
}

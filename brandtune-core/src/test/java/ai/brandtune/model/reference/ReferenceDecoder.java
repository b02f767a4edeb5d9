package ai.brandtune.model.reference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An independent float64 reference of the Hugging Face decoder forward pass (Llama, Qwen2, Qwen3),
 * written from transformers' {@code modeling_llama.py}, {@code modeling_qwen2.py} and {@code
 * modeling_qwen3.py} with plain loops over doubles. It exists only to check the libtorch decoder's
 * logits; it is deliberately slow and obvious, and shares no code with the production path.
 *
 * <p>What it computes, per batch row (rows never interact in HF, so each is done on its own):
 *
 * <pre>
 *   h = embed_tokens[ids]
 *   for each layer:
 *     h = h + o_proj(attention(rope(qk_norm?(q_proj(n))), rope(qk_norm?(k_proj(n))), v_proj(n)))
 *           where n = input_layernorm(h)
 *     h = h + down_proj(silu(gate_proj(m)) * up_proj(m))   where m = post_attention_layernorm(h)
 *   logits = lm_head(norm(h))      (lm_head = embed_tokens when tie_word_embeddings)
 * </pre>
 *
 * <p>Query rows that are themselves padding attend to no key at all (every key before them is
 * padding too); their attention output is defined here as zero so that everything stays finite.
 * Their logits are meaningless and must not be compared.
 */
public final class ReferenceDecoder {

  private final ReferenceConfig config;
  private final Map<String, double[]> weights;

  /**
   * @param weights HF tensor name to row-major values, e.g. {@code
   *     "model.layers.0.self_attn.q_proj.weight"} of shape [out, in]. Must contain exactly {@link
   *     #expectedWeightNames(ReferenceConfig)}, each with the element count of its shape; the
   *     arrays are copied.
   */
  public ReferenceDecoder(ReferenceConfig config, Map<String, double[]> weights) {
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(weights, "weights");
    Map<String, int[]> shapes = expectedWeightShapes(config);

    // Strict on purpose: a reference that silently ignored a missing or extra tensor would hide
    // exactly the checkpoint-mapping bugs it is meant to catch.
    Set<String> missing = new TreeSet<>(shapes.keySet());
    missing.removeAll(weights.keySet());
    Set<String> unexpected = new TreeSet<>(weights.keySet());
    unexpected.removeAll(shapes.keySet());
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw new IllegalArgumentException(
          "weights do not match the "
              + config.architecture()
              + " layout: missing "
              + missing
              + ", unexpected "
              + unexpected);
    }
    Map<String, double[]> copy = new HashMap<>();
    for (Map.Entry<String, int[]> entry : shapes.entrySet()) {
      String name = entry.getKey();
      double[] values = Objects.requireNonNull(weights.get(name), name);
      long expected = elementCount(entry.getValue());
      if (values.length != expected) {
        throw new IllegalArgumentException(
            name
                + " has "
                + values.length
                + " values, expected "
                + expected
                + " for shape "
                + java.util.Arrays.toString(entry.getValue()));
      }
      copy.put(name, values.clone());
    }
    this.weights = copy;
  }

  public ReferenceConfig config() {
    return config;
  }

  /**
   * Runs the full model like HF's {@code ForCausalLM.forward} on a (left-)padded batch with
   * position ids made the way {@code generate} makes them.
   *
   * @param ids token ids [batch][time]; all rows the same length
   * @param attentionMask [batch][time], 1 for real tokens and 0 for padding
   * @return logits [batch][time][vocab]
   */
  public double[][][] forward(long[][] ids, int[][] attentionMask) {
    validateInputs(ids, attentionMask);
    long[][] positions = positionIds(attentionMask);
    double[][][] logits = new double[ids.length][][];
    for (int b = 0; b < ids.length; b++) {
      logits[b] = forwardRow(ids[b], attentionMask[b], positions[b]);
    }
    return logits;
  }

  // ---------------------------------------------------------------------------------------------
  // Model structure.

  private double[][] forwardRow(long[] ids, int[] mask, long[] positions) {
    int hidden = config.hiddenSize();
    double[] embedTokens = weights.get("model.embed_tokens.weight");
    double[][] h = new double[ids.length][];
    for (int t = 0; t < ids.length; t++) {
      h[t] = new double[hidden];
      System.arraycopy(embedTokens, Math.toIntExact(ids[t]) * hidden, h[t], 0, hidden);
    }

    for (int layer = 0; layer < config.numLayers(); layer++) {
      h = decoderLayer("model.layers." + layer + ".", h, mask, positions);
    }

    double[] finalNorm = weights.get("model.norm.weight");
    double[] lmHead = config.tieWordEmbeddings() ? embedTokens : weights.get("lm_head.weight");
    double[][] logits = new double[ids.length][];
    for (int t = 0; t < ids.length; t++) {
      logits[t] = linear(rmsNorm(h[t], finalNorm), lmHead, null, config.vocabSize(), hidden);
    }
    return logits;
  }

  /** Pre-norm decoder layer: residual around attention, then residual around the MLP. */
  private double[][] decoderLayer(String prefix, double[][] h, int[] mask, long[] positions) {
    int time = h.length;

    double[] inputNorm = weights.get(prefix + "input_layernorm.weight");
    double[][] normed = new double[time][];
    for (int t = 0; t < time; t++) {
      normed[t] = rmsNorm(h[t], inputNorm);
    }
    double[][] attention = selfAttention(prefix + "self_attn.", normed, mask, positions);
    double[][] afterAttention = new double[time][];
    for (int t = 0; t < time; t++) {
      afterAttention[t] = add(h[t], attention[t]);
    }

    double[] postNorm = weights.get(prefix + "post_attention_layernorm.weight");
    double[][] out = new double[time][];
    for (int t = 0; t < time; t++) {
      double[] mlp = mlp(prefix + "mlp.", rmsNorm(afterAttention[t], postNorm));
      out[t] = add(afterAttention[t], mlp);
    }
    return out;
  }

  /** SwiGLU: down_proj(silu(gate_proj(x)) * up_proj(x)); no biases. */
  private double[] mlp(String prefix, double[] x) {
    int hidden = config.hiddenSize();
    int inter = config.intermediateSize();
    double[] gate = linear(x, weights.get(prefix + "gate_proj.weight"), null, inter, hidden);
    double[] up = linear(x, weights.get(prefix + "up_proj.weight"), null, inter, hidden);
    double[] act = new double[inter];
    for (int i = 0; i < inter; i++) {
      act[i] = silu(gate[i]) * up[i];
    }
    return linear(act, weights.get(prefix + "down_proj.weight"), null, hidden, inter);
  }

  /**
   * Grouped-query self-attention over one row, as HF's eager attention with a causal + padding
   * mask: scores = q·k / sqrt(head_dim) over the allowed keys, softmax, weighted sum of values.
   */
  private double[][] selfAttention(String prefix, double[][] x, int[] mask, long[] positions) {
    int time = x.length;
    int hidden = config.hiddenSize();
    int numHeads = config.numHeads();
    int numKv = config.numKvHeads();
    int headDim = config.headDim();

    double[] qBias = config.hasQkvBias() ? weights.get(prefix + "q_proj.bias") : null;
    double[] kBias = config.hasQkvBias() ? weights.get(prefix + "k_proj.bias") : null;
    double[] vBias = config.hasQkvBias() ? weights.get(prefix + "v_proj.bias") : null;

    // q[t][head][d], k[t][kvHead][d], v[t][kvHead][d]: projection then view(..., heads, head_dim).
    double[][][] q = new double[time][][];
    double[][][] k = new double[time][][];
    double[][][] v = new double[time][][];
    for (int t = 0; t < time; t++) {
      q[t] =
          splitHeads(
              linear(
                  x[t], weights.get(prefix + "q_proj.weight"), qBias, numHeads * headDim, hidden),
              numHeads);
      k[t] =
          splitHeads(
              linear(x[t], weights.get(prefix + "k_proj.weight"), kBias, numKv * headDim, hidden),
              numKv);
      v[t] =
          splitHeads(
              linear(x[t], weights.get(prefix + "v_proj.weight"), vBias, numKv * headDim, hidden),
              numKv);
    }

    // Qwen3: RMSNorm over head_dim of every head, after reshape and before RoPE.
    if (config.hasQkNorm()) {
      double[] qNorm = weights.get(prefix + "q_norm.weight");
      double[] kNorm = weights.get(prefix + "k_norm.weight");
      for (int t = 0; t < time; t++) {
        for (int head = 0; head < numHeads; head++) {
          q[t][head] = rmsNorm(q[t][head], qNorm);
        }
        for (int head = 0; head < numKv; head++) {
          k[t][head] = rmsNorm(k[t][head], kNorm);
        }
      }
    }

    // RoPE on queries and keys (never values), at each token's position id.
    for (int t = 0; t < time; t++) {
      for (int head = 0; head < numHeads; head++) {
        q[t][head] = applyRotaryEmbedding(q[t][head], positions[t], config.ropeTheta());
      }
      for (int head = 0; head < numKv; head++) {
        k[t][head] = applyRotaryEmbedding(k[t][head], positions[t], config.ropeTheta());
      }
    }

    double scale = 1.0 / Math.sqrt(headDim); // HF: self.scaling = head_dim ** -0.5
    double[][] concatenated = new double[time][numHeads * headDim];
    for (int head = 0; head < numHeads; head++) {
      // repeat_kv: query heads [g*groups, (g+1)*groups) all read KV head g.
      int kvHead = head / config.kvGroups();
      for (int i = 0; i < time; i++) {
        // Allowed keys: causal (j <= i) and not padding.
        List<Integer> keys = new ArrayList<>();
        for (int j = 0; j <= i; j++) {
          if (mask[j] != 0) {
            keys.add(j);
          }
        }
        if (keys.isEmpty()) {
          // Only happens for a padding query row in a left-padded batch: leave its output at zero.
          continue;
        }
        double[] scores = new double[keys.size()];
        double maxScore = Double.NEGATIVE_INFINITY;
        for (int n = 0; n < keys.size(); n++) {
          scores[n] = dot(q[i][head], k[keys.get(n)][kvHead]) * scale;
          maxScore = Math.max(maxScore, scores[n]);
        }
        // Softmax, shifted by the max for stability (mathematically identical).
        double sum = 0;
        for (int n = 0; n < scores.length; n++) {
          scores[n] = Math.exp(scores[n] - maxScore);
          sum += scores[n];
        }
        for (int n = 0; n < keys.size(); n++) {
          double p = scores[n] / sum;
          double[] value = v[keys.get(n)][kvHead];
          for (int d = 0; d < headDim; d++) {
            // transpose(1, 2).reshape(..., heads * head_dim): head-major concatenation.
            concatenated[i][head * headDim + d] += p * value[d];
          }
        }
      }
    }

    double[][] out = new double[time][];
    for (int t = 0; t < time; t++) {
      out[t] =
          linear(
              concatenated[t],
              weights.get(prefix + "o_proj.weight"),
              null,
              hidden,
              numHeads * headDim);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Building blocks (package-private static so the self-test can pin them down one by one).

  /**
   * HF generate's position ids for a (left-)padded batch: {@code attention_mask.cumsum(-1) - 1},
   * then {@code masked_fill_(attention_mask == 0, 1)}.
   */
  static long[][] positionIds(int[][] attentionMask) {
    long[][] positions = new long[attentionMask.length][];
    for (int b = 0; b < attentionMask.length; b++) {
      int[] row = attentionMask[b];
      positions[b] = new long[row.length];
      long cumsum = 0;
      for (int t = 0; t < row.length; t++) {
        cumsum += row[t];
        positions[b][t] = row[t] == 0 ? 1 : cumsum - 1;
      }
    }
    return positions;
  }

  /**
   * HF's default rotary embedding, rotate-half convention, for one head vector at one position:
   * inv_freq[j] = 1 / theta^(2j / head_dim) for j &lt; head_dim/2; emb = cat(freqs, freqs); result
   * = x * cos(emb) + rotate_half(x) * sin(emb).
   */
  static double[] applyRotaryEmbedding(double[] x, long position, double theta) {
    int headDim = x.length;
    int half = headDim / 2;
    double[] cos = new double[headDim];
    double[] sin = new double[headDim];
    for (int j = 0; j < half; j++) {
      double invFreq = 1.0 / Math.pow(theta, (2.0 * j) / headDim);
      double angle = position * invFreq;
      // emb = torch.cat((freqs, freqs), dim=-1): both halves use the same frequency.
      cos[j] = Math.cos(angle);
      cos[j + half] = cos[j];
      sin[j] = Math.sin(angle);
      sin[j + half] = sin[j];
    }
    double[] rotated = rotateHalf(x);
    double[] out = new double[headDim];
    for (int d = 0; d < headDim; d++) {
      out[d] = x[d] * cos[d] + rotated[d] * sin[d];
    }
    return out;
  }

  /** HF's rotate_half: cat(-x[half:], x[:half]). */
  static double[] rotateHalf(double[] x) {
    int half = x.length / 2;
    double[] out = new double[x.length];
    for (int d = 0; d < half; d++) {
      out[d] = -x[d + half];
      out[d + half] = x[d];
    }
    return out;
  }

  /** RMSNorm: x / sqrt(mean(x^2) + eps) * weight. */
  private double[] rmsNorm(double[] x, double[] weight) {
    return rmsNorm(x, weight, config.rmsNormEps());
  }

  static double[] rmsNorm(double[] x, double[] weight, double eps) {
    double sumSquares = 0;
    for (double value : x) {
      sumSquares += value * value;
    }
    double inverseRms = 1.0 / Math.sqrt(sumSquares / x.length + eps);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = weight[i] * (x[i] * inverseRms);
    }
    return out;
  }

  /** nn.Linear: y = x W^T (+ b) with W row-major [outDim, inDim]. */
  static double[] linear(double[] x, double[] weight, double[] bias, int outDim, int inDim) {
    double[] y = new double[outDim];
    for (int o = 0; o < outDim; o++) {
      double acc = bias == null ? 0 : bias[o];
      for (int i = 0; i < inDim; i++) {
        acc += weight[o * inDim + i] * x[i];
      }
      y[o] = acc;
    }
    return y;
  }

  /** SiLU: x * sigmoid(x) = x / (1 + e^-x). */
  static double silu(double x) {
    return x / (1.0 + Math.exp(-x));
  }

  private double[][] splitHeads(double[] flat, int heads) {
    int headDim = config.headDim();
    double[][] out = new double[heads][headDim];
    for (int head = 0; head < heads; head++) {
      System.arraycopy(flat, head * headDim, out[head], 0, headDim);
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double acc = 0;
    for (int i = 0; i < a.length; i++) {
      acc += a[i] * b[i];
    }
    return acc;
  }

  private static double[] add(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Checkpoint layout.

  /**
   * The state-dict keys of HF's {@code LlamaForCausalLM} / {@code Qwen2ForCausalLM} / {@code
   * Qwen3ForCausalLM} for this config, as {@code save_pretrained} writes them: {@code
   * rotary_emb.inv_freq} is a non-persistent buffer and so absent, and {@code lm_head.weight} is
   * absent when tied to {@code embed_tokens}.
   */
  public static Set<String> expectedWeightNames(ReferenceConfig c) {
    return expectedWeightShapes(c).keySet();
  }

  /** {@link #expectedWeightNames} with each tensor's shape, in HF module-registration order. */
  public static Map<String, int[]> expectedWeightShapes(ReferenceConfig c) {
    int h = c.hiddenSize();
    int qDim = c.numHeads() * c.headDim();
    int kvDim = c.numKvHeads() * c.headDim();
    Map<String, int[]> shapes = new LinkedHashMap<>();
    shapes.put("model.embed_tokens.weight", new int[] {c.vocabSize(), h});
    for (int layer = 0; layer < c.numLayers(); layer++) {
      String p = "model.layers." + layer + ".";
      shapes.put(p + "self_attn.q_proj.weight", new int[] {qDim, h});
      if (c.hasQkvBias()) {
        shapes.put(p + "self_attn.q_proj.bias", new int[] {qDim});
      }
      shapes.put(p + "self_attn.k_proj.weight", new int[] {kvDim, h});
      if (c.hasQkvBias()) {
        shapes.put(p + "self_attn.k_proj.bias", new int[] {kvDim});
      }
      shapes.put(p + "self_attn.v_proj.weight", new int[] {kvDim, h});
      if (c.hasQkvBias()) {
        shapes.put(p + "self_attn.v_proj.bias", new int[] {kvDim});
      }
      shapes.put(p + "self_attn.o_proj.weight", new int[] {h, qDim});
      if (c.hasQkNorm()) {
        shapes.put(p + "self_attn.q_norm.weight", new int[] {c.headDim()});
        shapes.put(p + "self_attn.k_norm.weight", new int[] {c.headDim()});
      }
      shapes.put(p + "mlp.gate_proj.weight", new int[] {c.intermediateSize(), h});
      shapes.put(p + "mlp.up_proj.weight", new int[] {c.intermediateSize(), h});
      shapes.put(p + "mlp.down_proj.weight", new int[] {h, c.intermediateSize()});
      shapes.put(p + "input_layernorm.weight", new int[] {h});
      shapes.put(p + "post_attention_layernorm.weight", new int[] {h});
    }
    shapes.put("model.norm.weight", new int[] {h});
    if (!c.tieWordEmbeddings()) {
      shapes.put("lm_head.weight", new int[] {c.vocabSize(), h});
    }
    return Collections.unmodifiableMap(shapes);
  }

  private static long elementCount(int[] shape) {
    long count = 1;
    for (int dim : shape) {
      count *= dim;
    }
    return count;
  }

  private void validateInputs(long[][] ids, int[][] attentionMask) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(attentionMask, "attentionMask");
    if (ids.length == 0 || ids.length != attentionMask.length) {
      throw new IllegalArgumentException(
          "ids and attentionMask need the same, non-zero batch size: "
              + ids.length
              + " vs "
              + attentionMask.length);
    }
    int time = ids[0].length;
    for (int b = 0; b < ids.length; b++) {
      // HF takes rectangular tensors; a ragged batch here would be a bug in the caller.
      if (ids[b].length != time || attentionMask[b].length != time || time == 0) {
        throw new IllegalArgumentException("row " + b + " is not [" + time + "] long, or empty");
      }
      for (int t = 0; t < time; t++) {
        if (ids[b][t] < 0 || ids[b][t] >= config.vocabSize()) {
          throw new IllegalArgumentException(
              "ids["
                  + b
                  + "]["
                  + t
                  + "] = "
                  + ids[b][t]
                  + " outside [0, "
                  + config.vocabSize()
                  + ")");
        }
        if (attentionMask[b][t] != 0 && attentionMask[b][t] != 1) {
          throw new IllegalArgumentException(
              "attentionMask[" + b + "][" + t + "] = " + attentionMask[b][t] + ", expected 0 or 1");
        }
      }
    }
  }
}

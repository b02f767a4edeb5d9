package ai.brandtune.model.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the float64 reference down against hand computations written in a different form than the
 * implementation (e.g. RoPE as pairwise 2-D rotations rather than cat/rotate_half), plus the
 * structural invariants HF's decoder has: left-padding invariance and causality.
 */
class ReferenceDecoderTest {

  private static final double TIGHT = 1e-12;

  static Stream<ReferenceConfig> configs() {
    return Stream.of(
        new ReferenceConfig("llama", 11, 16, 24, 2, 4, 2, 4, 10000.0, 1e-6, false),
        new ReferenceConfig("qwen2", 11, 16, 24, 2, 4, 2, 4, 1000000.0, 1e-6, true),
        // Qwen3 with numHeads * headDim (32) != hiddenSize (16), as real Qwen3 checkpoints have.
        new ReferenceConfig("qwen3", 11, 16, 24, 2, 4, 2, 8, 1000000.0, 1e-6, true));
  }

  // ------------------------------------------------------------------------------------------
  // Whole-model checks against hand computations.

  @ParameterizedTest
  @MethodSource("configs")
  void zeroAttentionAndMlpLeaveLmHeadOfNormalisedEmbedding(ReferenceConfig base) {
    ReferenceConfig c = withLayers(base, 1);
    Map<String, double[]> w = randomWeights(c, 1);
    // Every attention and MLP weight zero: both residual branches add exactly nothing.
    w.replaceAll(
        (name, values) ->
            name.contains(".self_attn.") || name.contains(".mlp.")
                ? new double[values.length]
                : values);
    long[] ids = {3, 0, 10, 7};

    double[][] logits =
        new ReferenceDecoder(c, w).forward(new long[][] {ids}, new int[][] {{1, 1, 1, 1}})[0];

    double[] embed = w.get("model.embed_tokens.weight");
    double[] lmHead = c.tieWordEmbeddings() ? embed : w.get("lm_head.weight");
    double[] normWeight = w.get("model.norm.weight");
    int h = c.hiddenSize();
    for (int t = 0; t < ids.length; t++) {
      double meanSquare = 0;
      for (int i = 0; i < h; i++) {
        double e = embed[(int) ids[t] * h + i];
        meanSquare += e * e / h;
      }
      for (int v = 0; v < c.vocabSize(); v++) {
        double expected = 0;
        for (int i = 0; i < h; i++) {
          double normed = embed[(int) ids[t] * h + i] / Math.sqrt(meanSquare + c.rmsNormEps());
          expected += lmHead[v * h + i] * normed * normWeight[i];
        }
        assertThat(logits[t][v]).as("t=%d v=%d", t, v).isCloseTo(expected, within(1e-10));
      }
    }
  }

  /**
   * One token at position 0: RoPE is the identity and softmax over one key is 1, so every query
   * head's output is exactly the value of its KV group. Exercises v/o projections, GQA head
   * mapping, biases, the SwiGLU MLP, both residuals, layer chaining, final norm and lm_head.
   */
  @ParameterizedTest
  @MethodSource("configs")
  void singleTokenMatchesHandComputedLayers(ReferenceConfig c) {
    Map<String, double[]> w = randomWeights(c, 2);
    long token = 5;

    double[] logits =
        new ReferenceDecoder(c, w).forward(new long[][] {{token}}, new int[][] {{1}})[0][0];

    int h = c.hiddenSize();
    int hd = c.headDim();
    double[] x = slice(w.get("model.embed_tokens.weight"), (int) token * h, h);
    for (int layer = 0; layer < c.numLayers(); layer++) {
      String p = "model.layers." + layer + ".";
      double[] n = norm(x, w.get(p + "input_layernorm.weight"), c.rmsNormEps());
      double[] v = matVec(w.get(p + "self_attn.v_proj.weight"), n, c.numKvHeads() * hd);
      if (c.hasQkvBias()) {
        v = plus(v, w.get(p + "self_attn.v_proj.bias"));
      }
      double[] heads = new double[c.numHeads() * hd];
      for (int head = 0; head < c.numHeads(); head++) {
        int group = head / (c.numHeads() / c.numKvHeads());
        System.arraycopy(v, group * hd, heads, head * hd, hd);
      }
      x = plus(x, matVec(w.get(p + "self_attn.o_proj.weight"), heads, h));

      double[] m = norm(x, w.get(p + "post_attention_layernorm.weight"), c.rmsNormEps());
      double[] gate = matVec(w.get(p + "mlp.gate_proj.weight"), m, c.intermediateSize());
      double[] up = matVec(w.get(p + "mlp.up_proj.weight"), m, c.intermediateSize());
      double[] act = new double[gate.length];
      for (int i = 0; i < act.length; i++) {
        act[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
      }
      x = plus(x, matVec(w.get(p + "mlp.down_proj.weight"), act, h));
    }
    double[] lmHead =
        c.tieWordEmbeddings() ? w.get("model.embed_tokens.weight") : w.get("lm_head.weight");
    double[] expected =
        matVec(lmHead, norm(x, w.get("model.norm.weight"), c.rmsNormEps()), c.vocabSize());

    for (int v = 0; v < c.vocabSize(); v++) {
      assertThat(logits[v]).as("v=%d", v).isCloseTo(expected[v], within(1e-10));
    }
  }

  /**
   * Two tokens, one layer, zero MLP: the second position's logits by hand, with RoPE written as
   * pairwise rotations of (d, d + hd/2), the 1/sqrt(hd) scale, a two-way softmax and (Qwen3) the
   * per-head q/k norm before RoPE.
   */
  @ParameterizedTest
  @MethodSource("configs")
  void twoTokenAttentionMatchesHandComputation(ReferenceConfig base) {
    ReferenceConfig c = withLayers(base, 1);
    Map<String, double[]> w = randomWeights(c, 3);
    w.replaceAll((name, values) -> name.contains(".mlp.") ? new double[values.length] : values);
    long[] ids = {4, 9};

    double[] logits =
        new ReferenceDecoder(c, w).forward(new long[][] {ids}, new int[][] {{1, 1}})[0][1];

    int h = c.hiddenSize();
    int hd = c.headDim();
    String p = "model.layers.0.self_attn.";
    double[][] x = new double[2][];
    double[][][] q = new double[2][][];
    double[][][] k = new double[2][][];
    double[][][] v = new double[2][][];
    for (int t = 0; t < 2; t++) {
      x[t] = slice(w.get("model.embed_tokens.weight"), (int) ids[t] * h, h);
      double[] n = norm(x[t], w.get("model.layers.0.input_layernorm.weight"), c.rmsNormEps());
      q[t] = heads(projection(w, p + "q_proj", n, c.numHeads() * hd, c), c.numHeads(), hd);
      k[t] = heads(projection(w, p + "k_proj", n, c.numKvHeads() * hd, c), c.numKvHeads(), hd);
      v[t] = heads(projection(w, p + "v_proj", n, c.numKvHeads() * hd, c), c.numKvHeads(), hd);
      for (int head = 0; head < c.numHeads(); head++) {
        if (c.hasQkNorm()) {
          q[t][head] = norm(q[t][head], w.get(p + "q_norm.weight"), c.rmsNormEps());
        }
        q[t][head] = rotatePairs(q[t][head], t, c.ropeTheta());
      }
      for (int head = 0; head < c.numKvHeads(); head++) {
        if (c.hasQkNorm()) {
          k[t][head] = norm(k[t][head], w.get(p + "k_norm.weight"), c.rmsNormEps());
        }
        k[t][head] = rotatePairs(k[t][head], t, c.ropeTheta());
      }
    }
    double[] attended = new double[c.numHeads() * hd];
    for (int head = 0; head < c.numHeads(); head++) {
      int group = head / (c.numHeads() / c.numKvHeads());
      double s0 = dot(q[1][head], k[0][group]) / Math.sqrt(hd);
      double s1 = dot(q[1][head], k[1][group]) / Math.sqrt(hd);
      double p0 = Math.exp(s0) / (Math.exp(s0) + Math.exp(s1));
      double p1 = 1 - p0;
      for (int d = 0; d < hd; d++) {
        attended[head * hd + d] = p0 * v[0][group][d] + p1 * v[1][group][d];
      }
    }
    double[] out = plus(x[1], matVec(w.get(p + "o_proj.weight"), attended, h));
    double[] lmHead =
        c.tieWordEmbeddings() ? w.get("model.embed_tokens.weight") : w.get("lm_head.weight");
    double[] expected =
        matVec(lmHead, norm(out, w.get("model.norm.weight"), c.rmsNormEps()), c.vocabSize());

    for (int i = 0; i < c.vocabSize(); i++) {
      assertThat(logits[i]).as("v=%d", i).isCloseTo(expected[i], within(1e-10));
    }
  }

  // ------------------------------------------------------------------------------------------
  // Structural invariants.

  @ParameterizedTest
  @MethodSource("configs")
  void leftPaddingDoesNotChangeRealPositions(ReferenceConfig c) {
    ReferenceDecoder decoder = new ReferenceDecoder(c, randomWeights(c, 4));
    long[] real = {2, 8, 5};

    double[][] alone = decoder.forward(new long[][] {real}, new int[][] {{1, 1, 1}})[0];
    // Row 0 is left-padded (with an arbitrary pad id) next to a longer, unpadded row.
    double[][][] batch =
        decoder.forward(
            new long[][] {{7, 7, 2, 8, 5}, {1, 3, 6, 9, 0}},
            new int[][] {{0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}});

    for (int t = 0; t < real.length; t++) {
      for (int v = 0; v < c.vocabSize(); v++) {
        assertThat(batch[0][t + 2][v]).isCloseTo(alone[t][v], within(TIGHT));
      }
    }
    // Padding query rows are meaningless but must stay finite.
    for (double[][] row : batch) {
      for (double[] position : row) {
        for (double logit : position) {
          assertThat(logit).isFinite();
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void laterTokensDoNotChangeEarlierLogits(ReferenceConfig c) {
    ReferenceDecoder decoder = new ReferenceDecoder(c, randomWeights(c, 5));
    int[][] mask = {{1, 1, 1, 1, 1}};

    double[][] before = decoder.forward(new long[][] {{1, 4, 2, 8, 3}}, mask)[0];
    double[][] after = decoder.forward(new long[][] {{1, 4, 2, 6, 3}}, mask)[0];

    for (int t = 0; t < 3; t++) {
      assertThat(after[t]).as("t=%d", t).containsExactly(before[t]);
    }
    // The changed token and everything after it must move (else the test would prove nothing).
    assertThat(after[3][0]).isNotCloseTo(before[3][0], within(1e-6));
    assertThat(after[4][0]).isNotCloseTo(before[4][0], within(1e-6));
  }

  // ------------------------------------------------------------------------------------------
  // Building blocks.

  @Test
  void positionIdsFollowGenerateCumsumAndPadFill() {
    long[][] positions =
        ReferenceDecoder.positionIds(
            new int[][] {{0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}, {0, 1, 1, 1, 1}});

    assertThat(positions[0]).containsExactly(1, 1, 0, 1, 2);
    assertThat(positions[1]).containsExactly(0, 1, 2, 3, 4);
    assertThat(positions[2]).containsExactly(1, 0, 1, 2, 3);
  }

  @Test
  void rotateHalfNegatesAndSwapsHalves() {
    assertThat(ReferenceDecoder.rotateHalf(new double[] {1, 2, 3, 4}))
        .containsExactly(-3, -4, 1, 2);
  }

  @Test
  void ropeRotatesPairsHalfAHeadApart() {
    // hd = 4, theta = 100: inv_freq = {1, 100^(-1/2)} = {1, 0.1}; pairs are (0, 2) and (1, 3).
    double[] x = {0.3, -1.2, 2.5, 0.7};
    long position = 7;

    double[] y = ReferenceDecoder.applyRotaryEmbedding(x, position, 100.0);

    double a0 = position * 1.0;
    double a1 = position * 0.1;
    assertThat(y[0]).isCloseTo(x[0] * Math.cos(a0) - x[2] * Math.sin(a0), within(TIGHT));
    assertThat(y[2]).isCloseTo(x[2] * Math.cos(a0) + x[0] * Math.sin(a0), within(TIGHT));
    assertThat(y[1]).isCloseTo(x[1] * Math.cos(a1) - x[3] * Math.sin(a1), within(TIGHT));
    assertThat(y[3]).isCloseTo(x[3] * Math.cos(a1) + x[1] * Math.sin(a1), within(TIGHT));
    assertThat(ReferenceDecoder.applyRotaryEmbedding(x, 0, 100.0)).containsExactly(x);
  }

  @Test
  void ropeScoresDependOnlyOnRelativePosition() {
    Random random = new Random(6);
    double[] q = gaussian(random, 8);
    double[] k = gaussian(random, 8);

    double near = dot(rope(q, 5), rope(k, 2));
    double shifted = dot(rope(q, 105), rope(k, 102));
    double otherOffset = dot(rope(q, 6), rope(k, 2));

    assertThat(shifted).isCloseTo(near, within(1e-10));
    assertThat(otherOffset).isNotCloseTo(near, within(1e-6));
  }

  @Test
  void expectedWeightNamesFollowEachArchitecture() {
    ReferenceConfig[] c = configs().toArray(ReferenceConfig[]::new);
    Map<String, Integer> sizes = new HashMap<>();
    for (ReferenceConfig config : c) {
      sizes.put(config.architecture(), ReferenceDecoder.expectedWeightNames(config).size());
    }
    // Per layer: llama 9 (q,k,v,o, gate,up,down, 2 norms), qwen2 +3 biases, qwen3 +q/k norms.
    assertThat(sizes).containsEntry("llama", 1 + 2 * 9 + 1 + 1); // untied: lm_head present
    assertThat(sizes).containsEntry("qwen2", 1 + 2 * 12 + 1); // tied: no lm_head
    assertThat(sizes).containsEntry("qwen3", 1 + 2 * 11 + 1);

    assertThat(ReferenceDecoder.expectedWeightNames(c[0]))
        .contains("model.embed_tokens.weight", "lm_head.weight", "model.norm.weight")
        .contains("model.layers.1.self_attn.o_proj.weight", "model.layers.1.mlp.down_proj.weight")
        .doesNotContain("model.layers.0.self_attn.q_proj.bias");
    assertThat(ReferenceDecoder.expectedWeightNames(c[1]))
        .contains("model.layers.0.self_attn.v_proj.bias")
        .doesNotContain("model.layers.0.self_attn.o_proj.bias", "lm_head.weight");
    assertThat(ReferenceDecoder.expectedWeightNames(c[2]))
        .contains(
            "model.layers.1.self_attn.q_norm.weight", "model.layers.1.self_attn.k_norm.weight")
        .doesNotContain("model.layers.0.self_attn.k_proj.bias");
    assertThat(
            ReferenceDecoder.expectedWeightShapes(c[2])
                .get("model.layers.0.self_attn.o_proj.weight"))
        .containsExactly(16, 32);
  }

  @Test
  void rejectsMissingExtraOrMisshapenWeights() {
    ReferenceConfig c = configs().findFirst().orElseThrow();

    Map<String, double[]> missing = randomWeights(c, 7);
    missing.remove("model.layers.1.mlp.up_proj.weight");
    assertThatThrownBy(() -> new ReferenceDecoder(c, missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model.layers.1.mlp.up_proj.weight");

    Map<String, double[]> extra = randomWeights(c, 7);
    extra.put("model.layers.0.self_attn.q_proj.bias", new double[16]);
    assertThatThrownBy(() -> new ReferenceDecoder(c, extra))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unexpected [model.layers.0.self_attn.q_proj.bias]");

    Map<String, double[]> misshapen = randomWeights(c, 7);
    misshapen.put("model.norm.weight", new double[15]);
    assertThatThrownBy(() -> new ReferenceDecoder(c, misshapen))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model.norm.weight");
  }

  // ------------------------------------------------------------------------------------------
  // Helpers (kept independent of ReferenceDecoder's own helpers on purpose).

  private static ReferenceConfig withLayers(ReferenceConfig c, int layers) {
    return new ReferenceConfig(
        c.architecture(),
        c.vocabSize(),
        c.hiddenSize(),
        c.intermediateSize(),
        layers,
        c.numHeads(),
        c.numKvHeads(),
        c.headDim(),
        c.ropeTheta(),
        c.rmsNormEps(),
        c.tieWordEmbeddings());
  }

  /** Gaussian weights; norm weights around 1 so they are non-trivial but well-conditioned. */
  private static Map<String, double[]> randomWeights(ReferenceConfig c, long seed) {
    Random random = new Random(seed);
    Map<String, double[]> weights = new HashMap<>();
    ReferenceDecoder.expectedWeightShapes(c)
        .forEach(
            (name, shape) -> {
              int count = 1;
              for (int dim : shape) {
                count *= dim;
              }
              double[] values = gaussian(random, count);
              boolean isNorm = name.endsWith("norm.weight");
              for (int i = 0; i < count; i++) {
                values[i] = isNorm ? 1 + 0.2 * values[i] : 0.5 * values[i];
              }
              weights.put(name, values);
            });
    return weights;
  }

  private static double[] gaussian(Random random, int count) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = random.nextGaussian();
    }
    return values;
  }

  /** RoPE as independent 2-D rotations of (d, d + hd/2) by pos * theta^(-2d/hd). */
  private static double[] rotatePairs(double[] x, long position, double theta) {
    int half = x.length / 2;
    double[] y = new double[x.length];
    for (int d = 0; d < half; d++) {
      double angle = position * Math.pow(theta, -2.0 * d / x.length);
      y[d] = x[d] * Math.cos(angle) - x[d + half] * Math.sin(angle);
      y[d + half] = x[d] * Math.sin(angle) + x[d + half] * Math.cos(angle);
    }
    return y;
  }

  private static double[] rope(double[] x, long position) {
    return ReferenceDecoder.applyRotaryEmbedding(x, position, 10000.0);
  }

  private static double[] projection(
      Map<String, double[]> w, String name, double[] x, int rows, ReferenceConfig c) {
    double[] y = matVec(w.get(name + ".weight"), x, rows);
    return c.hasQkvBias() ? plus(y, w.get(name + ".bias")) : y;
  }

  private static double[][] heads(double[] flat, int count, int headDim) {
    double[][] out = new double[count][];
    for (int head = 0; head < count; head++) {
      out[head] = slice(flat, head * headDim, headDim);
    }
    return out;
  }

  private static double[] norm(double[] x, double[] weight, double eps) {
    double meanSquare = 0;
    for (double value : x) {
      meanSquare += value * value / x.length;
    }
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] / Math.sqrt(meanSquare + eps) * weight[i];
    }
    return y;
  }

  /** Row-major [rows, x.length] matrix times x. */
  private static double[] matVec(double[] matrix, double[] x, int rows) {
    double[] y = new double[rows];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < x.length; i++) {
        y[r] += matrix[r * x.length + i] * x[i];
      }
    }
    return y;
  }

  private static double[] plus(double[] a, double[] b) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = a[i] + b[i];
    }
    return y;
  }

  private static double[] slice(double[] values, int from, int length) {
    double[] out = new double[length];
    System.arraycopy(values, from, out, 0, length);
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double acc = 0;
    for (int i = 0; i < a.length; i++) {
      acc += a[i] * b[i];
    }
    return acc;
  }
}

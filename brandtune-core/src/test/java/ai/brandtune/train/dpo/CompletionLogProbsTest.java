package ai.brandtune.train.dpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.MicroModels;
import ai.brandtune.model.reference.ReferenceConfig;
import ai.brandtune.model.reference.ReferenceDecoder;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Summed completion log-probs against log-softmax of the float64 reference decoder's logits. */
class CompletionLogProbsTest {
  // right-padded rows: prompt, then completion (mask), then padding (id 0, attention false)
  static final long[][] IDS = {
    {3, 17, 5, 9, 1, 22, 30, 4},
    {7, 2, 11, 4, 19, 0, 0, 0},
    {12, 8, 6, 0, 0, 0, 0, 0},
  };
  static final int[] REAL = {8, 5, 3};
  static final int[] PROMPT = {3, 4, 1};

  static Stream<ReferenceConfig> configs() {
    return MicroModels.all().stream();
  }

  @ParameterizedTest
  @MethodSource("configs")
  void sumsOnlyCompletionTokensLikeTheFloat64Reference(ReferenceConfig config) {
    Map<String, double[]> weights =
        MicroModels.roundedToFloat(MicroModels.randomWeights(config, 21));
    int rows = IDS.length;
    int len = IDS[0].length;
    int[][] attention = new int[rows][len];
    boolean[][] keep = new boolean[rows][len];
    boolean[][] completion = new boolean[rows][len];
    long[][] positions = new long[rows][len];
    for (int r = 0; r < rows; r++) {
      for (int t = 0; t < len; t++) {
        attention[r][t] = t < REAL[r] ? 1 : 0;
        keep[r][t] = t < REAL[r];
        completion[r][t] = t >= PROMPT[r] && t < REAL[r];
        positions[r][t] = t;
      }
    }
    double[][][] logits = new ReferenceDecoder(config, weights).forward(IDS, attention);
    double[] expected = new double[rows];
    for (int r = 0; r < rows; r++) {
      for (int t = PROMPT[r]; t < REAL[r]; t++) {
        expected[r] += logSoftmax(logits[r][t - 1], (int) IDS[r][t]);
      }
    }

    CausalLm model = MicroModels.causalLm(config, weights, ScalarType.Float);
    float[] actual;
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      float[] padding = new float[rows * len];
      for (int r = 0; r < rows; r++) {
        for (int t = 0; t < len; t++) {
          padding[r * len + t] = keep[r][t] ? 1 : 0;
        }
      }
      Tensor keyPadding =
          Tensors.floats(padding, new long[] {rows, len}, Devices.cpu()).to(ScalarType.Bool);
      Tensor sums =
          CompletionLogProbs.sums(
              model,
              Tensors.longs(IDS, Devices.cpu()),
              Tensors.longs(positions, Devices.cpu()),
              keyPadding,
              completion);
      assertThat(Tensors.shape(sums)).containsExactly(rows);
      actual = Tensors.toFloats(sums);
    }
    for (int r = 0; r < rows; r++) {
      assertThat(expected[r]).as("reference sum of row %d is not trivial", r).isLessThan(-1);
      assertThat((double) actual[r]).as("row %d", r).isCloseTo(expected[r], within(1e-4));
    }
    assertThat(CompletionLogProbs.counts(completion)).containsExactly(5, 1, 2);
  }

  private static double logSoftmax(double[] logits, int target) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (double l : logits) {
      sum += Math.exp(l - max);
    }
    return logits[target] - max - Math.log(sum);
  }
}

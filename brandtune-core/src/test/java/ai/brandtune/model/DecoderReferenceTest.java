package ai.brandtune.model;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The libtorch decoder against the independent float64 reference. */
class DecoderReferenceTest {

  static Stream<ReferenceConfig> configs() {
    return MicroModels.all().stream();
  }

  @ParameterizedTest
  @MethodSource("configs")
  void logitsMatchReferenceOnLeftPaddedBatch(ReferenceConfig config) {
    long[][] ids = {
      {3, 17, 5, 9, 1, 22, 30},
      {0, 0, 0, 11, 2, 7, 19}, // left-padded: 3 pad slots
      {0, 0, 0, 0, 0, 0, 4} // a single real token
    };
    int[][] mask = {{1, 1, 1, 1, 1, 1, 1}, {0, 0, 0, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 0, 1}};
    assertThat(relativeError(config, ScalarType.Float, ids, mask, 7))
        .as("relative error vs float64 reference")
        .isLessThan(1e-4);
  }

  @ParameterizedTest
  @MethodSource("configs")
  void unpaddedCausalPassMatchesReference(ReferenceConfig config) {
    long[][] ids = {{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12}};
    assertThat(relativeError(config, ScalarType.Float, ids, null, 11)).isLessThan(1e-4);
  }

  @ParameterizedTest
  @MethodSource("configs")
  void bfloat16ForwardStaysCloseToReference(ReferenceConfig config) {
    long[][] ids = {{1, 2, 3, 4, 5, 6}};
    // bf16 keeps 8 bits of mantissa: a few percent after two layers, far from fp32's 1e-4
    assertThat(relativeError(config, ScalarType.BFloat16, ids, null, 13))
        .isLessThan(5e-2)
        .isGreaterThan(1e-5);
  }

  /**
   * max |ours - reference| / max |reference| over the real (unpadded) positions. A null mask runs
   * the plain causal path (no padding mask at all).
   */
  private static double relativeError(
      ReferenceConfig config, ScalarType dtype, long[][] ids, int[][] mask, long seed) {
    Map<String, double[]> weights =
        MicroModels.roundedToFloat(MicroModels.randomWeights(config, seed));
    CausalLm model = MicroModels.causalLm(config, weights, dtype);
    int batch = ids.length;
    int len = ids[0].length;
    int[][] realMask = mask != null ? mask : new int[batch][len];
    if (mask == null) {
      for (int[] row : realMask) {
        java.util.Arrays.fill(row, 1);
      }
    }
    double[][][] expected = new ReferenceDecoder(config, weights).forward(ids, realMask);

    float[] actual;
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      long[][] positions = new long[batch][len];
      float[] padding = new float[batch * len];
      for (int b = 0; b < batch; b++) {
        int seen = 0;
        for (int t = 0; t < len; t++) {
          positions[b][t] = realMask[b][t] == 1 ? seen++ : 1; // as transformers' generate
          padding[b * len + t] = realMask[b][t];
        }
      }
      Tensor keyPadding =
          mask == null
              ? null
              : Tensors.floats(padding, new long[] {batch, len}, Devices.cpu()).to(ScalarType.Bool);
      Tensor logits =
          model.forward(
              Tensors.longs(ids, Devices.cpu()),
              Tensors.longs(positions, Devices.cpu()),
              keyPadding,
              null);
      assertThat(Tensors.shape(logits)).containsExactly(batch, len, config.vocabSize());
      actual = Tensors.toFloats(logits);
    }
    int v = config.vocabSize();
    double maxErr = 0;
    double maxRef = 0;
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < len; t++) {
        if (realMask[b][t] == 0) {
          continue; // padded positions' logits are never used
        }
        for (int k = 0; k < v; k++) {
          double ref = expected[b][t][k];
          maxErr = Math.max(maxErr, Math.abs(actual[(b * len + t) * v + k] - ref));
          maxRef = Math.max(maxRef, Math.abs(ref));
        }
      }
    }
    assertThat(maxRef).as("reference logits are not trivially small").isGreaterThan(0.5);
    return maxErr / maxRef;
  }
}

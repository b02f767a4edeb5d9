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

/** The libtorch decoder against the independent float64 reference, in fp32. */
class DecoderReferenceTest {

  static Stream<ReferenceConfig> configs() {
    return MicroModels.all().stream();
  }

  @ParameterizedTest
  @MethodSource("configs")
  void logitsMatchReferenceOnLeftPaddedBatch(ReferenceConfig config) {
    Map<String, double[]> weights = MicroModels.roundedToFloat(MicroModels.randomWeights(config, 7));
    CausalLm model = MicroModels.causalLm(config, weights, ScalarType.Float);
    int v = config.vocabSize();
    long[][] ids = {
      {3, 17, 5, 9, 1, 22, 30},
      {0, 0, 0, 11, 2, 7, 19}, // left-padded: 3 pad slots
      {0, 0, 0, 0, 0, 0, 4} // a single real token
    };
    int[][] mask = {{1, 1, 1, 1, 1, 1, 1}, {0, 0, 0, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 0, 1}};
    double[][][] expected = new ReferenceDecoder(config, weights).forward(ids, mask);

    float[] actual;
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      long[][] positions = new long[ids.length][ids[0].length];
      float[] padding = new float[ids.length * ids[0].length];
      for (int b = 0; b < ids.length; b++) {
        int seen = 0;
        for (int t = 0; t < ids[b].length; t++) {
          positions[b][t] = mask[b][t] == 1 ? seen++ : 1;
          padding[b * ids[b].length + t] = mask[b][t];
        }
      }
      Tensor keyPadding =
          Tensors.floats(padding, new long[] {ids.length, ids[0].length}, Devices.cpu()).to(ScalarType.Bool);
      Tensor logits =
          model.forward(
              Tensors.longs(ids, Devices.cpu()), Tensors.longs(positions, Devices.cpu()), keyPadding, null);
      assertThat(Tensors.shape(logits)).containsExactly(ids.length, ids[0].length, v);
      actual = Tensors.toFloats(logits);
    }
    double maxErr = 0;
    double maxRef = 0;
    for (int b = 0; b < ids.length; b++) {
      for (int t = 0; t < ids[b].length; t++) {
        if (mask[b][t] == 0) {
          continue; // padded positions' logits are never used
        }
        for (int k = 0; k < v; k++) {
          double ref = expected[b][t][k];
          maxErr = Math.max(maxErr, Math.abs(actual[(b * ids[b].length + t) * v + k] - ref));
          maxRef = Math.max(maxRef, Math.abs(ref));
        }
      }
    }
    assertThat(maxRef).as("reference logits are not trivially small").isGreaterThan(0.5);
    assertThat(maxErr / maxRef).as("relative error vs float64 reference").isLessThan(1e-4);
  }

  @ParameterizedTest
  @MethodSource("configs")
  void unpaddedCausalPassMatchesReference(ReferenceConfig config) {
    Map<String, double[]> weights = MicroModels.roundedToFloat(MicroModels.randomWeights(config, 11));
    CausalLm model = MicroModels.causalLm(config, weights, ScalarType.Float);
    long[][] ids = {{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12}};
    int[][] mask = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1}};
    double[][][] expected = new ReferenceDecoder(config, weights).forward(ids, mask);
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      long[][] positions = {{0, 1, 2, 3, 4, 5}, {0, 1, 2, 3, 4, 5}};
      float[] actual =
          Tensors.toFloats(
              model.forward(
                  Tensors.longs(ids, Devices.cpu()), Tensors.longs(positions, Devices.cpu()), null, null));
      double maxErr = 0;
      double maxRef = 0;
      int v = config.vocabSize();
      for (int b = 0; b < 2; b++) {
        for (int t = 0; t < 6; t++) {
          for (int k = 0; k < v; k++) {
            maxErr = Math.max(maxErr, Math.abs(actual[(b * 6 + t) * v + k] - expected[b][t][k]));
            maxRef = Math.max(maxRef, Math.abs(expected[b][t][k]));
          }
        }
      }
      assertThat(maxErr / maxRef).isLessThan(1e-4);
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void bfloat16ForwardStaysCloseToReference(ReferenceConfig config) {
    Map<String, double[]> weights = MicroModels.roundedToFloat(MicroModels.randomWeights(config, 13));
    CausalLm model = MicroModels.causalLm(config, weights, ScalarType.BFloat16);
    long[][] ids = {{1, 2, 3, 4, 5, 6}};
    double[][][] expected = new ReferenceDecoder(config, weights).forward(ids, new int[][] {{1, 1, 1, 1, 1, 1}});
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      float[] actual =
          Tensors.toFloats(
              model.forward(
                  Tensors.longs(ids, Devices.cpu()),
                  Tensors.longs(new long[][] {{0, 1, 2, 3, 4, 5}}, Devices.cpu()),
                  null,
                  null));
      double maxErr = 0;
      double maxRef = 0;
      int v = config.vocabSize();
      for (int t = 0; t < 6; t++) {
        for (int k = 0; k < v; k++) {
          maxErr = Math.max(maxErr, Math.abs(actual[t * v + k] - expected[0][t][k]));
          maxRef = Math.max(maxRef, Math.abs(expected[0][t][k]));
        }
      }
      // bf16 keeps 8 bits of mantissa: a few percent after two layers, far from fp32's 1e-4
      assertThat(maxErr / maxRef).isLessThan(5e-2).isGreaterThan(1e-5);
    }
  }
}

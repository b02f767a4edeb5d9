package ai.brandtune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.model.reference.ReferenceConfig;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

class AttentionMasksTest {

  @Test
  void blockCausalAllowsOnlyEarlierTokensOfTheSameSegment() {
    long[][] segments = {{0, 0, 1, 1, -1}};
    try (PointerScope scope = new PointerScope()) {
      Tensor mask = AttentionMasks.blockCausal(Tensors.longs(segments, Devices.cpu()));
      assertThat(Tensors.shape(mask)).containsExactly(1, 1, 5, 5);
      long[] got = Tensors.toLongs(mask);
      long[] expected = {
        1, 0, 0, 0, 0, //
        1, 1, 0, 0, 0, //
        0, 0, 1, 0, 0, //
        0, 0, 1, 1, 0, //
        0, 0, 0, 0, 1
      };
      assertThat(got).containsExactly(expected);
    }
  }

  @Test
  void forwardWithAPlainCausalMaskMatchesTheDefaultForward() {
    ReferenceConfig c = MicroModels.llamaUntied();
    CausalLm model = MicroModels.causalLm(c, MicroModels.randomWeights(c, 3), ScalarType.Float);
    long[][] ids = {{1, 5, 9, 2, 7}, {3, 3, 8, 0, 4}};
    long[][] positions = {{0, 1, 2, 3, 4}, {0, 1, 2, 3, 4}};
    long[][] oneSegment = new long[2][5];
    try (PointerScope scope = new PointerScope();
        NoGradGuard noGrad = new NoGradGuard()) {
      Tensor input = Tensors.longs(ids, Devices.cpu());
      Tensor pos = Tensors.longs(positions, Devices.cpu());
      float[] plain = Tensors.toFloats(model.forward(input, pos, null, null));
      Tensor mask = AttentionMasks.blockCausal(Tensors.longs(oneSegment, Devices.cpu()));
      float[] masked = Tensors.toFloats(model.forwardWithMask(input, pos, mask));
      assertThat(masked).hasSameSizeAs(plain);
      for (int i = 0; i < plain.length; i++) {
        assertThat(masked[i]).isCloseTo(plain[i], within(1e-5f));
      }
      assertThatThrownBy(() -> model.forwardWithMask(input, pos, mask.narrow(3, 0, 4)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(B or 1, 1, T, T)");
    }
  }
}

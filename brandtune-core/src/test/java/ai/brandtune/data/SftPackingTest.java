package ai.brandtune.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.MicroModels;
import ai.brandtune.model.reference.ReferenceConfig;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import ai.brandtune.train.sft.SftLoss;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Packed batches must train exactly like padded ones: same losses, no attention across examples.
 */
class SftPackingTest {
  private static final long PAD = 3;
  private static ReferenceConfig config;
  private static CausalLm model;

  @BeforeAll
  static void loadModel() {
    config = MicroModels.qwen3Untied();
    model = MicroModels.causalLm(config, MicroModels.randomWeights(config, 17), ScalarType.Float);
  }

  /** Random ids; the first {@code prompt} tokens unlabelled, the rest labelled. */
  private static SftExample example(Random random, int length, int prompt) {
    long[] ids = new long[length];
    long[] labels = new long[length];
    for (int t = 0; t < length; t++) {
      ids[t] = random.nextInt(config.vocabSize());
      labels[t] = t < prompt ? SftExample.IGNORE_INDEX : ids[t];
    }
    return new SftExample(ids, labels, "x:" + length);
  }

  /** Mean next-token cross-entropy of one example run alone, computed here in float64. */
  private static double referenceMeanLoss(SftExample e) {
    int n = e.length();
    float[] logits;
    try (PointerScope scope = new PointerScope();
        NoGradGuard noGrad = new NoGradGuard()) {
      long[][] positions = new long[1][n];
      for (int t = 0; t < n; t++) {
        positions[0][t] = t;
      }
      Tensor out =
          model.forward(
              Tensors.longs(new long[][] {e.inputIds()}, Devices.cpu()),
              Tensors.longs(positions, Devices.cpu()),
              null,
              null);
      logits = Tensors.toFloats(out);
    }
    int v = config.vocabSize();
    double sum = 0;
    int count = 0;
    for (int t = 1; t < n; t++) {
      if (e.labels()[t] == SftExample.IGNORE_INDEX) {
        continue;
      }
      int row = (t - 1) * v;
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < v; k++) {
        max = Math.max(max, logits[row + k]);
      }
      double z = 0;
      for (int k = 0; k < v; k++) {
        z += Math.exp(logits[row + k] - max);
      }
      sum += max + Math.log(z) - logits[row + (int) e.labels()[t]];
      count++;
    }
    return sum / count;
  }

  @Test
  void packedBatchGivesTheSameLossesAsPaddedAndAsEachExampleAlone() {
    Random random = new Random(5);
    SftExample a = example(random, 7, 3);
    SftExample b = example(random, 5, 2);
    SftExample c = example(random, 9, 4);
    SftCollator collator = new SftCollator(PAD);
    SftBatch padded = collator.padded(List.of(a, b, c));
    SftBatch packed = collator.packed(List.of(List.of(a, b), List.of(c)));
    assertThat(packed.length()).isEqualTo(12);
    assertThat(packed.labelledTokens()).isEqualTo(padded.labelledTokens()).isEqualTo(4 + 3 + 5);

    double[] paddedLosses = SftLoss.perExampleMeans(model, padded);
    double[] packedLosses = SftLoss.perExampleMeans(model, packed);
    double[] alone = {referenceMeanLoss(a), referenceMeanLoss(b), referenceMeanLoss(c)};
    for (int i = 0; i < 3; i++) {
      assertThat(packedLosses[i]).as("example %d packed", i).isCloseTo(alone[i], within(1e-5));
      assertThat(paddedLosses[i]).as("example %d padded", i).isCloseTo(alone[i], within(1e-5));
    }

    double expectedSum = 4 * alone[0] + 3 * alone[1] + 5 * alone[2];
    for (SftBatch batch : List.of(padded, packed)) {
      try (PointerScope scope = new PointerScope()) {
        SftLoss.Sum sum = SftLoss.sum(model, batch);
        assertThat(sum.labelledTokens()).isEqualTo(12);
        assertThat((double) sum.loss().item_float()).isCloseTo(expectedSum, within(1e-4));
      }
    }
  }

  @Test
  void packedCollationRestartsPositionsAndUnlabelsEachExampleStart() {
    Random random = new Random(6);
    SftExample a = example(random, 4, 0); // fully labelled, so its first label would leak
    SftExample b = example(random, 3, 0);
    SftBatch packed = new SftCollator(PAD).packed(List.of(List.of(a, b)));
    assertThat(packed.positionIds()[0]).containsExactly(0, 1, 2, 3, 0, 1, 2);
    assertThat(packed.segmentIds()[0]).containsExactly(0, 0, 0, 0, 1, 1, 1);
    assertThat(packed.labels()[0][0]).isEqualTo(SftExample.IGNORE_INDEX);
    assertThat(packed.labels()[0][4])
        .as("first token of the second example")
        .isEqualTo(SftExample.IGNORE_INDEX);
    assertThat(packed.labels()[0][5]).isEqualTo(b.inputIds()[1]);
    assertThat(packed.labelledTokens()).isEqualTo(3 + 2);
  }

  @Test
  void blockDiagonalMaskKeepsExamplesFromSeeingEachOther() {
    Random random = new Random(8);
    SftExample first = example(random, 6, 0);
    SftExample second = example(random, 5, 0);
    SftExample firstChanged = example(random, 6, 0);
    SftCollator collator = new SftCollator(PAD);
    // a third, shorter row forces padding at the end of the rows
    SftExample third = example(random, 3, 0);
    float[] before = logits(collator.packed(List.of(List.of(first, second), List.of(third))));
    float[] after = logits(collator.packed(List.of(List.of(firstChanged, second), List.of(third))));
    int v = config.vocabSize();
    boolean firstDiffers = false;
    for (int t = 0; t < 6 * v; t++) {
      firstDiffers |= Math.abs(before[t] - after[t]) > 1e-3;
    }
    assertThat(firstDiffers).as("the changed example's own logits change").isTrue();
    for (int t = 6 * v; t < 11 * v; t++) {
      assertThat(after[t])
          .as("logit %d of the second example", t)
          .isCloseTo(before[t], within(1e-6f));
    }
  }

  private static float[] logits(SftBatch batch) {
    try (PointerScope scope = new PointerScope();
        NoGradGuard noGrad = new NoGradGuard()) {
      return Tensors.toFloats(SftLoss.logits(model, batch.toTensors(Devices.cpu())));
    }
  }
}

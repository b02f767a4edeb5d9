package ai.brandtune.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** The logits processors on hand-made distributions, counted over many seeded draws. */
class SamplerTest {
  // probabilities 0.5, 0.3, 0.2
  static final float[] LOGITS = {
    (float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)
  };

  private static int[] counts(SamplingParams p, float[] logits, long[] history, int draws) {
    int[] counts = new int[logits.length];
    Sampler sampler = new Sampler(p, draws);
    try (PointerScope s = new PointerScope()) {
      float[] batch = new float[draws * logits.length];
      long[][] hist = history == null ? null : new long[draws][];
      for (int i = 0; i < draws; i++) {
        System.arraycopy(logits, 0, batch, i * logits.length, logits.length);
        if (hist != null) {
          hist[i] = history;
        }
      }
      Tensor t = Tensors.floats(batch, new long[] {draws, logits.length}, Devices.cpu());
      Tensor h = hist == null ? null : Tensors.longs(hist, Devices.cpu());
      for (long token : sampler.pick(t, h).tokens()) {
        counts[(int) token]++;
      }
    }
    return counts;
  }

  private static SamplingParams sampling() {
    return new SamplingParams(1, 1.0, 0, 1.0, 0, 1.0, 5L, List.of(), false);
  }

  @Test
  void plainSamplingFollowsTheDistribution() {
    int[] c = counts(sampling(), LOGITS, null, 20000);
    assertThat(c[0] / 20000.0).isBetween(0.48, 0.52);
    assertThat(c[1] / 20000.0).isBetween(0.28, 0.32);
    assertThat(c[2] / 20000.0).isBetween(0.18, 0.22);
  }

  @Test
  void topPKeepsTheSmallestSetReachingP() {
    int[] c = counts(sampling().withTopP(0.6), LOGITS, null, 20000);
    assertThat(c[2]).isZero();
    assertThat(c[0] / 20000.0).isBetween(0.6, 0.65); // 0.5 / 0.8 = 0.625
  }

  @Test
  void topKOneIsGreedy() {
    int[] c = counts(sampling().withTopK(1), LOGITS, null, 2000);
    assertThat(c[0]).isEqualTo(2000);
  }

  @Test
  void minPDropsTokensBelowAFractionOfTheTop() {
    int[] c = counts(sampling().withMinP(0.5), LOGITS, null, 20000); // floor 0.25 drops 0.2
    assertThat(c[2]).isZero();
    assertThat(c[1]).isPositive();
  }

  @Test
  void temperatureSharpens() {
    int[] c =
        counts(
            new SamplingParams(1, 0.25, 0, 1.0, 0, 1.0, 5L, List.of(), false), LOGITS, null, 20000);
    // p ~ p^4 normalized: 0.0625 / (0.0625 + 0.0081 + 0.0016) = 0.866
    assertThat(c[0] / 20000.0).isBetween(0.85, 0.88);
  }

  @Test
  void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogits() {
    float[] logits = {2f, 1.5f, -1f};
    // seen 0 and 2: 2 -> 1, -1 -> -2; token 1 (1.5) is now the argmax
    SamplingParams greedy = SamplingParams.greedy(1).withRepetitionPenalty(2.0);
    assertThat(counts(greedy, logits, new long[] {0, 2}, 4)[1]).isEqualTo(4);
    assertThat(counts(SamplingParams.greedy(1), logits, new long[] {0, 2}, 4)[0]).isEqualTo(4);
  }
}

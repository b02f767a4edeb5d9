package ai.brandtune.train.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GRPO's loss on a constructed group against a plain float64 computation written here from the
 * formulas (TRL's {@code _compute_loss}): every loss type, the clip flags and the k3 KL; plus the
 * properties the issue names (zero advantages give zero gradient, the first iteration's ratio is
 * exactly 1, micro-batches sum to the whole step).
 */
class GrpoLossTest {
  // three completions of a group, up to 4 tokens; row 1 has 2 tokens, row 2 has 3
  static final double[][] LOGP = {
    {-1.0, -0.5, -2.0, -0.3}, {-0.7, -1.1, 0, 0}, {-2.5, -0.2, -0.9, 0}
  };
  static final double[][] OLD = {
    {-1.3, -0.45, -2.0, -0.6}, {-0.4, -1.0, 0, 0}, {-2.0, -0.5, -0.9, 0}
  };
  static final double[][] REF = {
    {-1.1, -0.6, -1.7, -0.35}, {-0.9, -1.0, 0, 0}, {-2.2, -0.1, -1.0, 0}
  };
  static final double[][] MASK = {{1, 1, 1, 1}, {1, 1, 0, 0}, {1, 1, 1, 0}};
  static final double[] ADV = {1.1, -0.8, 0.4};
  static final double EPS_LOW = 0.2;
  static final double EPS_HIGH = 0.28;
  static final double BETA = 0.04;
  static final int MAX_LEN = 6;

  static Tensor t(double[][] v) {
    float[] flat = new float[v.length * v[0].length];
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v[0].length; j++) {
        flat[i * v[0].length + j] = (float) v[i][j];
      }
    }
    return Tensors.floats(flat, new long[] {v.length, v[0].length}, Devices.cpu());
  }

  static Tensor t(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return Tensors.floats(f, new long[] {v.length}, Devices.cpu());
  }

  static double perToken(int i, int j, double beta) {
    double r = Math.exp(LOGP[i][j] - OLD[i][j]);
    double clipped = Math.min(Math.max(r, 1 - EPS_LOW), 1 + EPS_HIGH);
    double l = -Math.min(r * ADV[i], clipped * ADV[i]);
    return l + beta * k3(i, j);
  }

  static double k3(int i, int j) {
    double d = REF[i][j] - LOGP[i][j];
    return Math.exp(d) - d - 1;
  }

  static double expected(GrpoLossType type, double beta) {
    double total = 0;
    double tokens = 0;
    double seqMeans = 0;
    for (int i = 0; i < 3; i++) {
      double row = 0;
      double n = 0;
      for (int j = 0; j < 4; j++) {
        row += MASK[i][j] * perToken(i, j, beta);
        n += MASK[i][j];
      }
      total += row;
      tokens += n;
      seqMeans += row / n;
    }
    return switch (type) {
      case GRPO -> seqMeans / 3;
      case BNPO, DAPO -> total / tokens;
      case DR_GRPO -> total / (3.0 * MAX_LEN);
    };
  }

  @ParameterizedTest
  @EnumSource(GrpoLossType.class)
  void everyLossTypeMatchesHandComputation(GrpoLossType type) {
    for (double beta : new double[] {0.0, BETA}) {
      try (PointerScope s = new PointerScope()) {
        GrpoLoss loss = new GrpoLoss(type, beta, EPS_LOW, EPS_HIGH, MAX_LEN);
        GrpoLoss.Terms terms = loss.compute(t(LOGP), t(OLD), t(REF), t(ADV), t(MASK));
        assertThat(terms.loss().item_double())
            .as("%s beta %s", type, beta)
            .isCloseTo(expected(type, beta), within(1e-5));
      }
    }
  }

  @Test
  void clipFlagsAndKlMatchHandComputation() {
    try (PointerScope s = new PointerScope()) {
      GrpoLoss loss = new GrpoLoss(GrpoLossType.DAPO, BETA, EPS_LOW, EPS_HIGH, MAX_LEN);
      GrpoLoss.Terms terms = loss.compute(t(LOGP), t(OLD), t(REF), t(ADV), t(MASK));
      float[] low = Tensors.toFloats(terms.lowClipped());
      float[] high = Tensors.toFloats(terms.highClipped());
      float[] kl = Tensors.toFloats(terms.kl());
      float[] ratio = Tensors.toFloats(terms.ratio());
      int lows = 0;
      int highs = 0;
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 4; j++) {
          double r = Math.exp(LOGP[i][j] - OLD[i][j]);
          boolean expectLow = r < 1 - EPS_LOW && ADV[i] < 0;
          boolean expectHigh = r > 1 + EPS_HIGH && ADV[i] > 0;
          lows += expectLow && MASK[i][j] > 0 ? 1 : 0;
          highs += expectHigh && MASK[i][j] > 0 ? 1 : 0;
          assertThat(low[i * 4 + j]).isEqualTo(expectLow ? 1f : 0f);
          assertThat(high[i * 4 + j]).isEqualTo(expectHigh ? 1f : 0f);
          assertThat((double) kl[i * 4 + j]).isCloseTo(k3(i, j), within(1e-6));
          assertThat((double) ratio[i * 4 + j]).isCloseTo(r, within(1e-6));
        }
      }
      // the fixture exercises both sides (rows 0 and 2 clip high, row 1 low)
      assertThat(highs).isEqualTo(3);
      assertThat(lows).isEqualTo(1);
    }
  }

  @Test
  void identicalRewardsGiveZeroAdvantagesAndZeroGradient() {
    double[] rewards = {0.7, 0.7, 0.7, 0.7};
    for (ScaleRewards scale : ScaleRewards.values()) {
      Advantages.Result adv = Advantages.compute(rewards, 4, scale);
      assertThat(adv.advantages()).containsOnly(0.0);
      assertThat(adv.zeroSpread()).containsExactly(true);
    }
    try (PointerScope s = new PointerScope()) {
      Tensor logp = t(new double[][] {{-1, -2}, {-0.5, -0.1}, {-3, -1}, {-0.2, -0.9}});
      logp.requires_grad_(true);
      Tensor old = t(new double[][] {{-1.5, -2}, {-0.2, -0.1}, {-3, -1.4}, {-0.2, -0.3}});
      for (GrpoLossType type : GrpoLossType.values()) {
        GrpoLoss loss = new GrpoLoss(type, 0.0, EPS_LOW, EPS_HIGH, MAX_LEN);
        Tensor mask = t(new double[][] {{1, 1}, {1, 0}, {1, 1}, {1, 1}});
        GrpoLoss.Terms terms =
            loss.compute(
                logp,
                old,
                null,
                t(Advantages.compute(rewards, 4, ScaleRewards.GROUP).advantages()),
                mask);
        terms.loss().backward();
        for (float g : Tensors.toFloats(logp.grad())) {
          assertThat(g == 0f).as(type.key() + " gradient " + g).isTrue(); // -0.0 counts as 0
        }
        assertThat(terms.loss().item_double() == 0.0).isTrue();
        logp.grad().zero_();
      }
    }
  }

  @Test
  void firstIterationRatioIsExactlyOne() {
    try (PointerScope s = new PointerScope()) {
      Tensor logp = t(LOGP);
      logp.requires_grad_(true);
      GrpoLoss loss = new GrpoLoss(GrpoLossType.GRPO, 0.0, EPS_LOW, EPS_HIGH, MAX_LEN);
      GrpoLoss.Terms terms = loss.compute(logp, null, null, t(ADV), t(MASK));
      assertThat(Tensors.toFloats(terms.ratio())).containsOnly(1f);
      assertThat(Tensors.toFloats(terms.lowClipped())).containsOnly(0f);
      // with ratio 1 the gradient is -A / normaliser on each live token (the policy gradient)
      terms.loss().backward();
      float[] grad = Tensors.toFloats(logp.grad());
      for (int i = 0; i < 3; i++) {
        double n = 0;
        for (double m : MASK[i]) {
          n += m;
        }
        for (int j = 0; j < 4; j++) {
          assertThat((double) grad[i * 4 + j])
              .isCloseTo(MASK[i][j] * -ADV[i] / n / 3, within(1e-6));
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = GrpoLossType.class,
      names = {"GRPO", "DAPO", "DR_GRPO"})
  void microBatchesSumToTheWholeStep(GrpoLossType type) {
    try (PointerScope s = new PointerScope()) {
      GrpoLoss loss = new GrpoLoss(type, BETA, EPS_LOW, EPS_HIGH, MAX_LEN);
      Tensor logp = t(LOGP);
      Tensor old = t(OLD);
      Tensor ref = t(REF);
      Tensor adv = t(ADV);
      Tensor mask = t(MASK);
      GrpoLoss.Scale whole = new GrpoLoss.Scale(3, 9, 2);
      double split =
          loss.compute(
                      logp.narrow(0, 0, 1),
                      old.narrow(0, 0, 1),
                      ref.narrow(0, 0, 1),
                      adv.narrow(0, 0, 1),
                      mask.narrow(0, 0, 1),
                      whole)
                  .loss()
                  .item_double()
              + loss.compute(
                      logp.narrow(0, 1, 2),
                      old.narrow(0, 1, 2),
                      ref.narrow(0, 1, 2),
                      adv.narrow(0, 1, 2),
                      mask.narrow(0, 1, 2),
                      whole)
                  .loss()
                  .item_double();
      assertThat(split).isCloseTo(expected(type, BETA), within(1e-5));
    }
  }
}

package ai.brandtune.train.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.BrandtuneException;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Each loss variant on fixed rewards against the formula worked out in float64 here. The layout is
 * a preference batch's: the chosen rows first, then the rejected rows example by example.
 */
class RewardLossTest {
  private static final double TOL = 1e-5;

  // example 0: chosen 1.2 against three rejected; example 1: chosen -0.3 against one rejected;
  // example 2: chosen 0.4 against two rejected, one of which beats it
  private static final float[] REWARDS = {1.2f, -0.3f, 0.4f, 0.5f, -1.0f, 0.9f, -0.8f, 0.1f, 0.7f};
  private static final int[] ROW_EXAMPLE = {0, 1, 2, 0, 0, 0, 1, 2, 2};
  private static final int[] ROW_REJECTED = {-1, -1, -1, 0, 1, 2, 0, 0, 1};
  private static final double[] NO_MARGIN = {0, 0, 0};
  private static final double[] MARGINS = {0.5, 0.0, 1.5};

  private static RewardGroups groups(double[] margins) {
    return RewardGroups.of(3, ROW_EXAMPLE, ROW_REJECTED, margins);
  }

  /** Rewards as float32 values, widened, in the reference's layout. */
  private static double r(int row) {
    return REWARDS[row];
  }

  private static final int[] CHOSEN = {0, 1, 2};
  private static final int[][] REJECTED = {{3, 4, 5}, {6}, {7, 8}};

  private static double logSigmoid(double x) {
    return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
  }

  private static double loss(RewardLoss.Type type, double alpha, double center, double[] margins) {
    try (PointerScope s = new PointerScope()) {
      Tensor rewards = Tensors.floats(REWARDS, new long[] {REWARDS.length}, Devices.cpu());
      return new RewardLoss(type, alpha, center).sum(rewards, groups(margins)).item_double();
    }
  }

  @Test
  void pairwiseMeanAveragesBradleyTerryOverEachExamplesPairs() {
    double expected = 0;
    for (int e = 0; e < 3; e++) {
      double sum = 0;
      for (int j : REJECTED[e]) {
        sum += -logSigmoid(r(CHOSEN[e]) - r(j));
      }
      expected += sum / REJECTED[e].length;
    }
    assertThat(loss(RewardLoss.Type.PAIRWISE_MEAN, 0, 0, NO_MARGIN))
        .isCloseTo(expected, within(TOL));
  }

  @Test
  void pairwiseMeanWithMarginAndCentring() {
    double center = 0.01;
    double expected = 0;
    for (int e = 0; e < 3; e++) {
      double sum = 0;
      double centring = 0;
      for (int j : REJECTED[e]) {
        sum += -logSigmoid(r(CHOSEN[e]) - r(j) - MARGINS[e]);
        centring += Math.pow(r(CHOSEN[e]) + r(j), 2);
      }
      expected += sum / REJECTED[e].length + center * centring / REJECTED[e].length;
    }
    assertThat(loss(RewardLoss.Type.PAIRWISE_MEAN, 0, center, MARGINS))
        .isCloseTo(expected, within(TOL));
  }

  @Test
  void oneRejectedWithCentringIsTrlsRewardTrainerLoss() {
    // TRL: -logsigmoid(rc - rr - margin).mean() + c * mean((rc + rr)^2), here summed over the batch
    float[] rewards = {0.3f, 2.0f, -0.7f, 1.1f};
    int[] rowExample = {0, 1, 0, 1};
    int[] rowRejected = {-1, -1, 0, 0};
    double[] margins = {0.2, 1.0};
    double c = 0.05;
    double expected = 0;
    for (int e = 0; e < 2; e++) {
      double rc = rewards[e];
      double rr = rewards[2 + e];
      expected += -logSigmoid(rc - rr - margins[e]) + c * (rc + rr) * (rc + rr);
    }
    try (PointerScope s = new PointerScope()) {
      Tensor t = Tensors.floats(rewards, new long[] {4}, Devices.cpu());
      double actual =
          new RewardLoss(RewardLoss.Type.PAIRWISE_MEAN, 0, c)
              .sum(t, RewardGroups.of(2, rowExample, rowRejected, margins))
              .item_double();
      assertThat(actual).isCloseTo(expected, within(TOL));
    }
  }

  @Test
  void softmaxIsThePlackettLuceFirstPositionOverChosenAndAllRejected() {
    double expected = 0;
    for (int e = 0; e < 3; e++) {
      double denominator = Math.exp(r(CHOSEN[e]));
      for (int j : REJECTED[e]) {
        denominator += Math.exp(r(j) + MARGINS[e]);
      }
      expected += -Math.log(Math.exp(r(CHOSEN[e])) / denominator);
    }
    assertThat(loss(RewardLoss.Type.SOFTMAX, 0, 0, MARGINS)).isCloseTo(expected, within(TOL));
  }

  @Test
  void softmaxWithOneRejectedEqualsBradleyTerry() {
    float[] rewards = {0.3f, 2.0f, -0.7f, 1.1f};
    RewardGroups g =
        RewardGroups.of(2, new int[] {0, 1, 0, 1}, new int[] {-1, -1, 0, 0}, new double[] {0.4, 0});
    try (PointerScope s = new PointerScope()) {
      Tensor t = Tensors.floats(rewards, new long[] {4}, Devices.cpu());
      double softmax = new RewardLoss(RewardLoss.Type.SOFTMAX, 0, 0).sum(t, g).item_double();
      double bt = new RewardLoss(RewardLoss.Type.PAIRWISE_MEAN, 0, 0).sum(t, g).item_double();
      assertThat(softmax).isCloseTo(bt, within(TOL));
    }
  }

  @Test
  void hardestNegativeHingesOnTheBestScoredRejectedOnly() {
    double alpha = 0.25;
    double expected = 0;
    for (int e = 0; e < 3; e++) {
      double hardest = Double.NEGATIVE_INFINITY;
      for (int j : REJECTED[e]) {
        hardest = Math.max(hardest, r(j));
      }
      expected += Math.max(0, hardest - r(CHOSEN[e]) + alpha + MARGINS[e]);
    }
    // example 1 wins by more than alpha + m (-0.3 vs -0.8 with 0.25): its term is 0
    assertThat(-0.8 - -0.3 + alpha).isNegative();
    assertThat(loss(RewardLoss.Type.HARDEST_NEGATIVE, alpha, 0, MARGINS))
        .isCloseTo(expected, within(TOL));
  }

  @Test
  void gradientsMatchTheAnalyticDerivatives() {
    double alpha = 0.25;
    double[] softmaxGrad = new double[REWARDS.length];
    double[] hingeGrad = new double[REWARDS.length];
    for (int e = 0; e < 3; e++) {
      double z = Math.exp(r(CHOSEN[e]));
      for (int j : REJECTED[e]) {
        z += Math.exp(r(j) + MARGINS[e]);
      }
      softmaxGrad[CHOSEN[e]] += Math.exp(r(CHOSEN[e])) / z - 1;
      int hardest = REJECTED[e][0];
      for (int j : REJECTED[e]) {
        softmaxGrad[j] += Math.exp(r(j) + MARGINS[e]) / z;
        if (r(j) > r(hardest)) {
          hardest = j;
        }
      }
      if (r(hardest) - r(CHOSEN[e]) + alpha + MARGINS[e] > 0) {
        hingeGrad[hardest] += 1;
        hingeGrad[CHOSEN[e]] -= 1;
      }
    }
    assertThat(gradient(RewardLoss.Type.SOFTMAX, alpha)).containsExactly(softmaxGrad, within(TOL));
    assertThat(gradient(RewardLoss.Type.HARDEST_NEGATIVE, alpha))
        .containsExactly(hingeGrad, within(TOL));
  }

  private static double[] gradient(RewardLoss.Type type, double alpha) {
    try (PointerScope s = new PointerScope()) {
      Tensor rewards = Tensors.floats(REWARDS, new long[] {REWARDS.length}, Devices.cpu());
      rewards.set_requires_grad(true);
      new RewardLoss(type, alpha, 0).sum(rewards, groups(MARGINS)).backward();
      float[] g = Tensors.toFloats(rewards.grad());
      double[] out = new double[g.length];
      for (int i = 0; i < g.length; i++) {
        out[i] = g[i];
      }
      return out;
    }
  }

  @Test
  void lossNamesParseAndAnUnknownOneListsTheChoices() {
    assertThat(RewardLoss.Type.parse("softmax", "loss_type")).isEqualTo(RewardLoss.Type.SOFTMAX);
    assertThat(RewardLoss.Type.parse("sigmoid", "loss_type"))
        .isEqualTo(RewardLoss.Type.PAIRWISE_MEAN);
    assertThatThrownBy(() -> RewardLoss.Type.parse("hardest", "loss_type"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("loss_type")
        .hasMessageContaining("hardest_negative");
  }
}

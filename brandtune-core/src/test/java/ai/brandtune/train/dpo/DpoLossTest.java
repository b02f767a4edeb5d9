package ai.brandtune.train.dpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.BrandtuneException;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every DPO loss variant against the formulas written out in plain float64 Java. */
class DpoLossTest {
  // four pairs: the policy prefers the chosen more than the reference does, less, equally, much
  // more
  static final double[] PC = {-5.0, -7.5, -3.2, -2.0};
  static final double[] PR = {-6.0, -7.0, -9.1, -30.0};
  static final double[] RC = {-5.5, -7.0, -4.0, -2.5};
  static final double[] RR = {-5.0, -7.2, -9.9, -8.0};
  static final double[] NLL = {0.7, 1.3, 0.2, 2.5};

  static double logSigmoid(double x) {
    return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
  }

  static double z(int i) {
    return (PC[i] - RC[i]) - (PR[i] - RR[i]);
  }

  /** TRL's formulas, one pair at a time. */
  static double expected(DpoLossType type, double beta, double e, double alpha, int i) {
    double z = z(i);
    double loss =
        switch (type) {
          case SIGMOID -> -(1 - e) * logSigmoid(beta * z) - e * logSigmoid(-beta * z);
          case ROBUST ->
              (-(1 - e) * logSigmoid(beta * z) + e * logSigmoid(-beta * z)) / (1 - 2 * e);
          case IPO -> (z - 1 / (2 * beta)) * (z - 1 / (2 * beta));
          case HINGE -> Math.max(0, 1 - beta * z);
        };
    return loss + alpha * NLL[i];
  }

  static Tensor t(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return Tensors.floats(f, new long[] {v.length}, Devices.cpu());
  }

  @ParameterizedTest(name = "{0} beta={1} label_smoothing={2} rpo_alpha={3}")
  @CsvSource({
    "sigmoid, 0.1, 0.0, 0.0",
    "sigmoid, 0.5, 0.0, 0.0",
    "sigmoid, 0.1, 0.2, 0.0",
    "sigmoid, 0.1, 0.0, 1.0",
    "sigmoid, 0.3, 0.1, 0.5",
    "robust, 0.1, 0.0, 0.0",
    "robust, 0.2, 0.25, 0.0",
    "robust, 0.1, 0.1, 1.0",
    "ipo, 0.1, 0.0, 0.0",
    "ipo, 0.5, 0.0, 0.0",
    "ipo, 0.5, 0.0, 2.0",
    "hinge, 0.1, 0.0, 0.0",
    "hinge, 1.0, 0.0, 0.0",
    "hinge, 0.5, 0.0, 1.0",
  })
  void lossesAndRewardsMatchHandComputation(String name, double beta, double e, double alpha) {
    DpoLossType type = DpoLossType.parse(name, "loss_type");
    DpoLoss loss = new DpoLoss(type, beta, e, alpha);
    try (PointerScope s = new PointerScope()) {
      DpoLoss.Terms terms = loss.compute(t(PC), t(PR), t(RC), t(RR), alpha > 0 ? t(NLL) : null);
      float[] losses = Tensors.toFloats(terms.losses());
      float[] chosen = Tensors.toFloats(terms.chosenRewards());
      float[] rejected = Tensors.toFloats(terms.rejectedRewards());
      for (int i = 0; i < PC.length; i++) {
        assertThat((double) losses[i])
            .as("loss of pair %d", i)
            .isCloseTo(expected(type, beta, e, alpha, i), within(2e-5));
        assertThat((double) chosen[i])
            .as("chosen reward %d", i)
            .isCloseTo(beta * (PC[i] - RC[i]), within(1e-6));
        assertThat((double) rejected[i])
            .as("rejected reward %d", i)
            .isCloseTo(beta * (PR[i] - RR[i]), within(1e-6));
      }
    }
  }

  @Test
  void policyEqualToReferenceGivesLogTwoForSigmoidAndRobust() {
    for (DpoLossType type : new DpoLossType[] {DpoLossType.SIGMOID, DpoLossType.ROBUST}) {
      for (double e : new double[] {0.0, 0.3}) {
        try (PointerScope s = new PointerScope()) {
          DpoLoss.Terms terms =
              new DpoLoss(type, 0.1, e, 0).compute(t(PC), t(PR), t(PC), t(PR), null);
          for (float l : Tensors.toFloats(terms.losses())) {
            // robust DPO is unbiased: at z = 0 it is log 2 whatever the smoothing
            assertThat((double) l).as("%s e=%s", type, e).isCloseTo(Math.log(2), within(1e-6));
          }
        }
      }
    }
  }

  /**
   * d loss / d log pi(chosen) = -beta ((1-e) s(-beta z) - e s(beta z)) for sigmoid, and the
   * reference gets no gradient.
   */
  @Test
  void gradientFlowsToThePolicyOnly() {
    double beta = 0.4;
    double e = 0.1;
    double alpha = 0.5;
    try (PointerScope s = new PointerScope()) {
      Tensor pc = t(PC).set_requires_grad(true);
      Tensor pr = t(PR).set_requires_grad(true);
      Tensor rc = t(RC).set_requires_grad(true);
      Tensor rr = t(RR).set_requires_grad(true);
      Tensor nll = t(NLL).set_requires_grad(true);
      new DpoLoss(DpoLossType.SIGMOID, beta, e, alpha)
          .compute(pc, pr, rc, rr, nll)
          .losses()
          .sum()
          .backward();
      float[] gc = Tensors.toFloats(pc.grad());
      float[] gr = Tensors.toFloats(pr.grad());
      float[] gn = Tensors.toFloats(nll.grad());
      for (int i = 0; i < PC.length; i++) {
        double bz = beta * z(i);
        double dz = -beta * ((1 - e) * sigmoid(-bz) - e * sigmoid(bz));
        assertThat((double) gc[i]).as("d/d chosen %d", i).isCloseTo(dz, within(1e-6));
        assertThat((double) gr[i]).as("d/d rejected %d", i).isCloseTo(-dz, within(1e-6));
        assertThat((double) gn[i]).as("d/d nll %d", i).isCloseTo(alpha, within(1e-7));
      }
      assertThat(rc.grad().defined()).as("reference chosen has a gradient").isFalse();
      assertThat(rr.grad().defined()).as("reference rejected has a gradient").isFalse();
    }
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  void invalidSettingsNameTheKey() {
    assertThatThrownBy(() -> new DpoLoss(DpoLossType.SIGMOID, 0, 0, 0))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("beta");
    assertThatThrownBy(() -> new DpoLoss(DpoLossType.ROBUST, 0.1, 0.5, 0))
        .hasMessageContaining("label_smoothing");
    assertThatThrownBy(() -> new DpoLoss(DpoLossType.IPO, 0.1, 0.1, 0))
        .hasMessageContaining("label_smoothing")
        .hasMessageContaining("ipo");
    assertThatThrownBy(() -> new DpoLoss(DpoLossType.SIGMOID, 0.1, 0, -1))
        .hasMessageContaining("rpo_alpha");
    assertThatThrownBy(() -> DpoLossType.parse("kto", "loss_type"))
        .hasMessageContaining("loss_type")
        .hasMessageContaining("sigmoid");
    assertThat(new DpoLoss(DpoLossType.IPO, 0.1, 0, 0).averagesLogProbs()).isTrue();
    assertThat(new DpoLoss(DpoLossType.SIGMOID, 0.1, 0, 0).averagesLogProbs()).isFalse();
  }
}

package ai.brandtune.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Scopes;
import ai.brandtune.tensor.Tensors;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdamWOptimizerTest {
  private static final AdamWSettings SETTINGS = new AdamWSettings(0.1, 0.8, 0.95, 1e-6);
  private static final double[] LRS = {0.05, 0.02, 0.1, 0.03};

  /** Gradient of step s for element i: varied in sign and size. */
  private static double grad(int step, int i) {
    return Math.sin(1.7 * i + 0.9 * step) * (1 + i % 3);
  }

  @Test
  void matchesFloat64AdamWWithDecayOnMatricesOnly() {
    double[] m0 = {0.5, -0.25, 1.0, 0.75}; // a 2x2 matrix: decayed
    double[] v0 = {0.3, -0.6}; // a vector: not decayed
    Tensor matrix = param(m0, 2, 2);
    Tensor vector = param(v0, 2);
    AdamWOptimizer opt = new AdamWOptimizer(List.of(matrix, vector), SETTINGS);
    for (int s = 0; s < LRS.length; s++) {
      step(opt, s, matrix, vector);
    }
    double[] expectedMatrix = referenceAdamW(m0, 0, SETTINGS.weightDecay());
    double[] expectedVector = referenceAdamW(v0, 4, 0.0);
    assertClose(values(matrix), expectedMatrix);
    assertClose(values(vector), expectedVector);
  }

  @Test
  void savedStateContinuesExactly(@TempDir Path dir) {
    double[] m0 = {0.5, -0.25, 1.0, 0.75};
    double[] v0 = {0.3, -0.6};
    Tensor m1 = param(m0, 2, 2);
    Tensor v1 = param(v0, 2);
    AdamWOptimizer straight = new AdamWOptimizer(List.of(m1, v1), SETTINGS);
    for (int s = 0; s < LRS.length; s++) {
      step(straight, s, m1, v1);
    }

    Tensor m2 = param(m0, 2, 2);
    Tensor v2 = param(v0, 2);
    AdamWOptimizer first = new AdamWOptimizer(List.of(m2, v2), SETTINGS);
    step(first, 0, m2, v2);
    step(first, 1, m2, v2);
    first.save(dir);
    AdamWOptimizer resumed = new AdamWOptimizer(List.of(m2, v2), SETTINGS);
    resumed.load(dir);
    step(resumed, 2, m2, v2);
    step(resumed, 3, m2, v2);

    assertThat(values(m2)).containsExactly(values(m1));
    assertThat(values(v2)).containsExactly(values(v1));
  }

  private static void step(AdamWOptimizer opt, int s, Tensor matrix, Tensor vector) {
    try (PointerScope scope = new PointerScope()) {
      opt.zeroGrad();
      Tensor loss =
          matrix
              .mul(gradTensor(s, 0, 2, 2))
              .sum()
              .add(vector.mul(gradTensor(s, 4, 2)).sum()); // d loss / d p = the chosen gradient
      loss.backward();
      opt.setLearningRate(LRS[s]);
      opt.step();
    }
  }

  private static Tensor gradTensor(int step, int offset, long... shape) {
    int n = (int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    float[] g = new float[n];
    for (int i = 0; i < n; i++) {
      g[i] = (float) grad(step, offset + i);
    }
    return Tensors.floats(g, shape, Devices.cpu());
  }

  /**
   * Decoupled weight decay then the bias-corrected Adam update, in float64 (Loshchilov & Hutter).
   */
  private static double[] referenceAdamW(double[] start, int offset, double weightDecay) {
    double[] p = start.clone();
    double[] m = new double[p.length];
    double[] v = new double[p.length];
    for (int s = 0; s < LRS.length; s++) {
      double lr = LRS[s];
      int t = s + 1;
      for (int i = 0; i < p.length; i++) {
        double g = (float) grad(s, offset + i);
        p[i] *= 1 - lr * weightDecay;
        m[i] = SETTINGS.beta1() * m[i] + (1 - SETTINGS.beta1()) * g;
        v[i] = SETTINGS.beta2() * v[i] + (1 - SETTINGS.beta2()) * g * g;
        double mHat = m[i] / (1 - Math.pow(SETTINGS.beta1(), t));
        double vHat = v[i] / (1 - Math.pow(SETTINGS.beta2(), t));
        p[i] -= lr * mHat / (Math.sqrt(vHat) + SETTINGS.epsilon());
      }
    }
    return p;
  }

  private static Tensor param(double[] values, long... shape) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return Scopes.persistent(
        () -> {
          Tensor t = Tensors.floats(f, shape, Devices.cpu());
          t.set_requires_grad(true);
          return t;
        });
  }

  private static float[] values(Tensor t) {
    try (PointerScope s = new PointerScope()) {
      return Tensors.toFloats(t.detach());
    }
  }

  private static void assertClose(float[] actual, double[] expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-5));
    }
  }
}

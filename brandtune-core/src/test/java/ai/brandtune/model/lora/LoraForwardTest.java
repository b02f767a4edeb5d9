package ai.brandtune.model.lora;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.Linear;
import ai.brandtune.model.MicroModels;
import ai.brandtune.model.reference.ReferenceConfig;
import ai.brandtune.model.reference.ReferenceDecoder;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LoRA forward numerics against plain float64 Java: y = W x + b + scaling * B A x. */
class LoraForwardTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void projectionWithAdapterMatchesFloat64Reference(boolean rslora) {
    // qwen2 has q/k/v biases, so "+ b" is exercised; k_proj is not square (32 -> 16)
    ReferenceConfig c = MicroModels.qwen2Tied();
    Map<String, double[]> w = LoraFixtures.weights(c, 1);
    CausalLm model = LoraFixtures.model(c, w);
    LoraConfig config = new LoraConfig(4, 8, 0.0, List.of("k_proj", "down_proj"), rslora);
    LoraModel lora = LoraModel.attach(model, config, 5);
    Map<String, float[]> bValues = LoraFixtures.randomizeB(lora, 9);
    double scaling = rslora ? 8 / Math.sqrt(4) : 8.0 / 4;

    for (String module :
        List.of("model.layers.1.self_attn.k_proj", "model.layers.0.mlp.down_proj")) {
      Linear linear = model.linears().get(module);
      LoraAdapter adapter = lora.adapters().get(module);
      int out = (int) linear.weight().size(0);
      int in = (int) linear.weight().size(1);
      int r = 4;
      float[] x = randomFloats(3 * in, 17);
      float[] y;
      float[] a;
      try (PointerScope s = new PointerScope();
          NoGradGuard g = new NoGradGuard()) {
        Tensor input = Tensors.floats(x, new long[] {1, 3, in}, Devices.cpu());
        y = Tensors.toFloats(linear.forward(input));
        a = Tensors.toFloats(adapter.a());
      }
      double[] weight = w.get(module + ".weight");
      double[] bias = w.get(module + ".bias");
      float[] b = bValues.get(module);
      double maxErr = 0;
      double maxDelta = 0;
      for (int t = 0; t < 3; t++) {
        double[] ax = new double[r];
        for (int k = 0; k < r; k++) {
          for (int i = 0; i < in; i++) {
            ax[k] += (double) a[k * in + i] * x[t * in + i];
          }
        }
        for (int o = 0; o < out; o++) {
          double base = bias == null ? 0 : bias[o];
          for (int i = 0; i < in; i++) {
            base += weight[o * in + i] * x[t * in + i];
          }
          double delta = 0;
          for (int k = 0; k < r; k++) {
            delta += (double) b[o * r + k] * ax[k];
          }
          double expected = base + scaling * delta;
          maxErr = Math.max(maxErr, Math.abs(y[t * out + o] - expected));
          maxDelta = Math.max(maxDelta, Math.abs(scaling * delta));
        }
      }
      assertThat(maxDelta).as("the LoRA term is not negligible").isGreaterThan(0.5);
      assertThat(maxErr).as(module).isLessThan(1e-5);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void wholeModelMatchesReferenceWithMergedFloat64Weights(boolean rslora) {
    ReferenceConfig c = MicroModels.qwen3Untied();
    Map<String, double[]> w = LoraFixtures.weights(c, 2);
    CausalLm model = LoraFixtures.model(c, w);
    LoraModel lora =
        LoraModel.attach(model, new LoraConfig(2, 4, 0.0, List.of("all-linear"), rslora), 3);
    Map<String, float[]> bValues = LoraFixtures.randomizeB(lora, 4);
    double scaling = rslora ? 4 / Math.sqrt(2) : 4.0 / 2;

    // W' = W + scaling * B A, in float64, fed to the independent reference decoder
    Map<String, double[]> merged = new LinkedHashMap<>(w);
    lora.adapters()
        .forEach(
            (module, adapter) -> {
              float[] a;
              try (PointerScope s = new PointerScope()) {
                a = Tensors.toFloats(adapter.a());
              }
              float[] b = bValues.get(module);
              double[] base = w.get(module + ".weight").clone();
              int r = 2;
              int in = a.length / r;
              int out = base.length / in;
              for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                  double d = 0;
                  for (int k = 0; k < r; k++) {
                    d += (double) b[o * r + k] * a[k * in + i];
                  }
                  base[o * in + i] += scaling * d;
                }
              }
              merged.put(module + ".weight", base);
            });

    int[][] mask = new int[LoraFixtures.IDS.length][LoraFixtures.IDS[0].length];
    for (int[] row : mask) {
      java.util.Arrays.fill(row, 1);
    }
    double[][][] expected = new ReferenceDecoder(c, merged).forward(LoraFixtures.IDS, mask);
    double[][][] baseline = new ReferenceDecoder(c, w).forward(LoraFixtures.IDS, mask);
    float[] actual = LoraFixtures.logits(model);

    int v = c.vocabSize();
    double maxErr = 0;
    double maxRef = 0;
    double maxShift = 0;
    for (int b = 0; b < expected.length; b++) {
      for (int t = 0; t < expected[b].length; t++) {
        for (int k = 0; k < v; k++) {
          double ref = expected[b][t][k];
          int i = (b * expected[b].length + t) * v + k;
          maxErr = Math.max(maxErr, Math.abs(actual[i] - ref));
          maxRef = Math.max(maxRef, Math.abs(ref));
          maxShift = Math.max(maxShift, Math.abs(ref - baseline[b][t][k]));
        }
      }
    }
    assertThat(maxShift / maxRef).as("the adapters change the logits").isGreaterThan(0.05);
    assertThat(maxErr / maxRef).isLessThan(1e-4);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void adaptersStayFloat32OnABfloat16Base(boolean merge) {
    ReferenceConfig c = MicroModels.llamaUntied();
    CausalLm model = MicroModels.causalLm(c, LoraFixtures.weights(c, 3), ScalarType.BFloat16);
    LoraModel lora =
        LoraModel.attach(model, new LoraConfig(2, 4, 0.1, List.of("q_proj"), false), 1);
    LoraFixtures.randomizeB(lora, 2);
    Linear q = model.linears().get("model.layers.0.self_attn.q_proj");

    for (Tensor p : lora.trainableParameters().values()) {
      assertThat(p.scalar_type().value).isEqualTo(ScalarType.Float.value);
    }
    if (merge) {
      lora.merge();
      assertThat(q.adapter()).isNull();
      assertThat(q.weight().scalar_type().value).isEqualTo(ScalarType.BFloat16.value);
    }
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      Tensor x = torch.ones(new long[] {1, 2, c.hiddenSize()}).to(ScalarType.BFloat16);
      assertThat(q.forward(x).scalar_type().value).isEqualTo(ScalarType.BFloat16.value);
    }
  }

  @Test
  void dropoutOnlyWhileTrainingAndSeededByTheGlobalGenerator() {
    ReferenceConfig c = MicroModels.qwen2Tied();
    CausalLm model = LoraFixtures.model(c, LoraFixtures.weights(c, 6));
    LoraModel lora =
        LoraModel.attach(model, new LoraConfig(4, 8, 0.5, List.of("v_proj"), false), 1);
    LoraFixtures.randomizeB(lora, 2);

    float[] eval1 = LoraFixtures.logits(model);
    float[] eval2 = LoraFixtures.logits(model);
    lora.setTraining(true);
    torch.manual_seed(11);
    float[] train1 = LoraFixtures.logits(model);
    torch.manual_seed(11);
    float[] train2 = LoraFixtures.logits(model);
    torch.manual_seed(12);
    float[] train3 = LoraFixtures.logits(model);
    lora.setTraining(false);
    float[] eval3 = LoraFixtures.logits(model);

    assertThat(eval2).containsExactly(eval1);
    assertThat(eval3).containsExactly(eval1);
    assertThat(train2).containsExactly(train1);
    assertThat(LoraFixtures.maxAbsDiff(train1, eval1)).isGreaterThan(1e-3);
    assertThat(LoraFixtures.maxAbsDiff(train1, train3)).isGreaterThan(1e-3);
  }

  private static float[] randomFloats(int n, long seed) {
    Random rnd = new Random(seed);
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) rnd.nextGaussian();
    }
    return f;
  }
}

package ai.brandtune.model.lora;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.MicroModels;
import ai.brandtune.model.reference.ReferenceConfig;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Micro models, random B matrices and logits shared by the LoRA tests. */
final class LoraFixtures {
  static final long[][] IDS = {{3, 17, 5, 9, 1, 22, 30}, {7, 2, 11, 4, 19, 8, 6}};

  private LoraFixtures() {}

  /** Float-rounded random weights, so the float64 reference starts from the model's values. */
  static Map<String, double[]> weights(ReferenceConfig c, long seed) {
    return MicroModels.roundedToFloat(MicroModels.randomWeights(c, seed));
  }

  static CausalLm model(ReferenceConfig c, Map<String, double[]> weights) {
    return MicroModels.causalLm(c, weights, ScalarType.Float);
  }

  /**
   * Fills every B with random values (B starts at zero, which would hide any bug in how B A x
   * reaches the output) and returns them by module, row-major (out, r), as floats.
   */
  static Map<String, float[]> randomizeB(LoraModel lora, long seed) {
    Random rnd = new Random(seed);
    Map<String, float[]> values = new java.util.LinkedHashMap<>();
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      lora.adapters()
          .forEach(
              (module, adapter) -> {
                long[] shape = Tensors.shape(adapter.b());
                float[] v = new float[(int) (shape[0] * shape[1])];
                for (int i = 0; i < v.length; i++) {
                  v[i] = (float) (0.3 * rnd.nextGaussian());
                }
                adapter.b().copy_(Tensors.floats(v, shape, Devices.cpu()));
                values.put(module, v);
              });
    }
    return values;
  }

  /** Plain causal logits of {@link #IDS}, flattened. */
  static float[] logits(CausalLm model) {
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      return Tensors.toFloats(forward(model));
    }
  }

  /** The forward pass on {@link #IDS}, in the caller's scope and grad mode: (B, T, V). */
  static Tensor forward(CausalLm model) {
    long[][] positions = new long[IDS.length][IDS[0].length];
    for (long[] row : positions) {
      Arrays.setAll(row, t -> t);
    }
    return model.forward(
        Tensors.longs(IDS, Devices.cpu()), Tensors.longs(positions, Devices.cpu()), null, null);
  }

  static double maxAbsDiff(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}

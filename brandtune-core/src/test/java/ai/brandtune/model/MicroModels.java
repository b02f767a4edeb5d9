package ai.brandtune.model;

import ai.brandtune.model.reference.ReferenceConfig;
import ai.brandtune.model.reference.ReferenceDecoder;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Scopes;
import ai.brandtune.tensor.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Micro configs and random weights shared by the numerics tests. */
public final class MicroModels {
  private MicroModels() {}

  public static ReferenceConfig qwen2Tied() {
    return new ReferenceConfig("qwen2", 48, 32, 48, 2, 4, 2, 8, 10000.0, 1e-6, true);
  }

  public static ReferenceConfig qwen3Untied() {
    // head_dim 8 * 4 heads != hidden 16, as in real Qwen3 configs
    return new ReferenceConfig("qwen3", 40, 16, 40, 2, 4, 2, 8, 1000000.0, 1e-6, false);
  }

  public static ReferenceConfig llamaUntied() {
    return new ReferenceConfig("llama", 50, 24, 64, 2, 4, 2, 6, 500000.0, 1e-5, false);
  }

  public static ReferenceConfig llamaTied() {
    return new ReferenceConfig("llama", 36, 32, 56, 2, 4, 2, 8, 10000.0, 1e-5, true);
  }

  public static List<ReferenceConfig> all() {
    return List.of(qwen2Tied(), qwen3Untied(), llamaUntied(), llamaTied());
  }

  public static ModelConfig toModelConfig(ReferenceConfig r) {
    return new ModelConfig(
        Architecture.parse(r.architecture()),
        r.vocabSize(),
        r.hiddenSize(),
        r.intermediateSize(),
        r.numLayers(),
        r.numHeads(),
        r.numKvHeads(),
        r.headDim(),
        256,
        r.ropeTheta(),
        null,
        r.rmsNormEps(),
        r.tieWordEmbeddings(),
        0.02,
        null,
        List.of(),
        null,
        "float32");
  }

  /** Random weights with O(1) activations: norms around 1, matrices scaled by 1/sqrt(fan_in). */
  public static Map<String, double[]> randomWeights(ReferenceConfig c, long seed) {
    Random rnd = new Random(seed);
    Map<String, double[]> weights = new LinkedHashMap<>();
    ReferenceDecoder.expectedWeightShapes(c)
        .forEach(
            (name, shape) -> {
              int n = 1;
              for (int d : shape) {
                n *= d;
              }
              double[] w = new double[n];
              boolean norm = name.endsWith("norm.weight");
              double scale = shape.length == 2 ? 1.0 / Math.sqrt(shape[1]) : 0.1;
              for (int i = 0; i < n; i++) {
                w[i] = norm ? 1.0 + 0.1 * rnd.nextGaussian() : scale * rnd.nextGaussian();
              }
              weights.put(name, w);
            });
    return weights;
  }

  /** A source serving the given weights (rounded to float32) as tensors of {@code dtype}. */
  public static ParameterSource source(Map<String, double[]> weights, ScalarType dtype) {
    return (name, shape, kind) -> {
      double[] w = weights.get(name);
      if (w == null) {
        throw new IllegalArgumentException("no weight " + name);
      }
      float[] f = new float[w.length];
      for (int i = 0; i < w.length; i++) {
        f[i] = (float) w[i];
      }
      return Scopes.persistent(() -> Tensors.floats(f, shape, Devices.cpu()).to(dtype));
    };
  }

  public static CausalLm causalLm(
      ReferenceConfig c, Map<String, double[]> weights, ScalarType dtype) {
    return new CausalLm(toModelConfig(c), source(weights, dtype), Devices.cpu(), dtype);
  }

  /** The weights as the float32 model sees them, so the reference starts from identical values. */
  public static Map<String, double[]> roundedToFloat(Map<String, double[]> weights) {
    Map<String, double[]> out = new LinkedHashMap<>();
    weights.forEach(
        (k, v) -> {
          double[] r = new double[v.length];
          for (int i = 0; i < v.length; i++) {
            r[i] = (float) v[i];
          }
          out.put(k, r);
        });
    return out;
  }
}

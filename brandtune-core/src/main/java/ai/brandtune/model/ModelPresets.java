package ai.brandtune.model;

import ai.brandtune.BrandtuneException;
import java.util.List;
import java.util.Map;

/**
 * Named shapes for freshly initialized models: {@code tiny} runs the whole pipeline on a laptop CPU
 * in minutes, {@code small} is a step up for benchmarks. The vocabulary size comes from the
 * tokenizer the model is created with.
 */
public final class ModelPresets {
  private record Shape(
      int hidden, int intermediate, int layers, int heads, int kvHeads, int headDim, int context) {}

  private static final Map<String, Shape> PRESETS =
      Map.of(
          "tiny", new Shape(64, 192, 2, 4, 2, 16, 2048),
          "small", new Shape(256, 768, 4, 8, 4, 32, 4096));

  private ModelPresets() {}

  public static List<String> names() {
    return List.of("tiny", "small");
  }

  public static ModelConfig create(String preset, Architecture architecture, int vocabSize) {
    Shape s = PRESETS.get(preset);
    if (s == null) {
      throw new BrandtuneException(
          "unknown preset '" + preset + "': use one of " + names() + " or --config FILE");
    }
    return new ModelConfig(
        architecture,
        vocabSize,
        s.hidden(),
        s.intermediate(),
        s.layers(),
        s.heads(),
        s.kvHeads(),
        s.headDim(),
        s.context(),
        architecture == Architecture.LLAMA ? 500000.0 : 1000000.0,
        null,
        1e-6,
        true,
        0.02,
        null,
        List.of(),
        null,
        "float32");
  }
}

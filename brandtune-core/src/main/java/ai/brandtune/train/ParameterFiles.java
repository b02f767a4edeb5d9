package ai.brandtune.train;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.SafetensorsWeights;
import ai.brandtune.io.SafetensorsWriter;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/** Writes named parameters to safetensors and copies them back into live tensors, in place. */
public final class ParameterFiles {
  private ParameterFiles() {}

  public static void write(Path file, Map<String, Tensor> parameters) {
    try (PointerScope s = new PointerScope()) {
      SafetensorsWriter.write(file, parameters, Map.of(SafetensorsWriter.FORMAT_KEY, "pt"));
    }
  }

  /**
   * Copies every parameter from {@code source} (a safetensors file or checkpoint directory) into
   * the live tensor of the same name, keeping its dtype and device; a missing name is an error.
   */
  public static void restore(Path source, Map<String, Tensor> parameters) {
    try (SafetensorsWeights weights = SafetensorsWeights.open(source);
        NoGradGuard noGrad = new NoGradGuard()) {
      for (Map.Entry<String, Tensor> p : parameters.entrySet()) {
        if (!weights.contains(p.getKey())) {
          throw new BrandtuneException(source + ": tensor " + p.getKey() + " missing");
        }
        try (PointerScope s = new PointerScope()) {
          Tensor saved = weights.load(p.getKey());
          p.getValue().copy_(saved.to(p.getValue().device(), p.getValue().scalar_type()));
        }
      }
    }
  }
}

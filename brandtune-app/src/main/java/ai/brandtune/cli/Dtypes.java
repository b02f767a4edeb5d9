package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import java.util.Locale;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** The precision names users type, mapped to libtorch scalar types. */
final class Dtypes {
  private Dtypes() {}

  /**
   * {@code auto} is float32 on CPU, where bf16 matmuls are slow and gain nothing, and bfloat16 on
   * CUDA, where it halves memory and runs on tensor cores.
   */
  static ScalarType parse(String name, Device device, String flag) {
    String n = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "auto" -> device.is_cuda() ? ScalarType.BFloat16 : ScalarType.Float;
      case "float32", "fp32", "f32" -> ScalarType.Float;
      case "bfloat16", "bf16" -> ScalarType.BFloat16;
      case "float16", "fp16", "f16", "half" -> ScalarType.Half;
      default ->
          throw new BrandtuneException(
              flag + " " + name + ": unknown dtype; use float32, bfloat16, float16 or auto");
    };
  }

  static String name(ScalarType dtype) {
    if (dtype.value == ScalarType.BFloat16.value) {
      return "bfloat16";
    }
    if (dtype.value == ScalarType.Half.value) {
      return "float16";
    }
    return "float32";
  }
}

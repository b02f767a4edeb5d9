package ai.brandtune.tensor;

import java.util.Optional;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The element types brandtune stores on disk, named as safetensors names them ({@code F32}, {@code
 * BF16}, ...), with their size and their libtorch {@link ScalarType}.
 *
 * <p>One table for both worlds, so readers and writers never disagree on what {@code "BF16"} means
 * or how many bytes an element takes.
 */
public enum DType {
  F64(8, ScalarType.Double),
  F32(4, ScalarType.Float),
  F16(2, ScalarType.Half),
  BF16(2, ScalarType.BFloat16),
  I64(8, ScalarType.Long),
  I32(4, ScalarType.Int),
  I16(2, ScalarType.Short),
  I8(1, ScalarType.Char),
  U8(1, ScalarType.Byte),
  BOOL(1, ScalarType.Bool);

  private final int byteSize;
  private final ScalarType scalarType;

  DType(int byteSize, ScalarType scalarType) {
    this.byteSize = byteSize;
    this.scalarType = scalarType;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** The libtorch scalar type holding the same bits. */
  public ScalarType scalarType() {
    return scalarType;
  }

  /** The name used in safetensors headers, e.g. {@code "BF16"}. */
  public String safetensorsName() {
    return name();
  }

  /** The dtype a safetensors header names, or empty for a name we do not support. */
  public static Optional<DType> fromSafetensorsName(String name) {
    for (DType dtype : values()) {
      if (dtype.name().equals(name)) {
        return Optional.of(dtype);
      }
    }
    return Optional.empty();
  }

  /**
   * The dtype of a libtorch scalar type, or empty for types with no safetensors name here.
   *
   * <p>Compares the native value: JavaCPP returns enum objects from native calls that are not the
   * enum's own constants, so {@code ==} and {@code equals} fail on them.
   */
  public static Optional<DType> fromScalarType(ScalarType scalarType) {
    for (DType dtype : values()) {
      if (dtype.scalarType.value == scalarType.value) {
        return Optional.of(dtype);
      }
    }
    return Optional.empty();
  }
}

package ai.brandtune.io;

import ai.brandtune.tensor.DType;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor as a safetensors header describes it: its name, element type, shape and the byte range
 * {@code [begin, end)} of its data, relative to the start of the file's data section.
 *
 * <p>Entries read from a file have been validated: the range holds exactly {@code numel *
 * dtype.byteSize()} bytes and lies inside the data section.
 */
public record TensorEntry(String name, DType dtype, long[] shape, long begin, long end) {

  public TensorEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype");
    shape = shape.clone();
  }

  /** A copy of the shape; an empty array for a scalar. */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Number of elements: the product of the shape (1 for a scalar). */
  public long numel() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** Bytes of data: {@code end - begin}. */
  public long byteLength() {
    return end - begin;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TensorEntry e
        && name.equals(e.name)
        && dtype == e.dtype
        && Arrays.equals(shape, e.shape)
        && begin == e.begin
        && end == e.end;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dtype, Arrays.hashCode(shape), begin, end);
  }

  @Override
  public String toString() {
    return name + " " + dtype + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
  }
}

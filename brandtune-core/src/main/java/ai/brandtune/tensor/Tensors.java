package ai.brandtune.tensor;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Small conversions between Java arrays and tensors, and the option objects libtorch wants. */
public final class Tensors {
  private Tensors() {}

  public static TensorOptions options(ScalarType dtype, Device device) {
    return new TensorOptions()
        .dtype(new ScalarTypeOptional(dtype))
        .device(new DeviceOptional(device));
  }

  public static Tensor zeros(long[] shape, ScalarType dtype, Device device) {
    return torch.zeros(shape, options(dtype, device));
  }

  public static Tensor ones(long[] shape, ScalarType dtype, Device device) {
    return torch.ones(shape, options(dtype, device));
  }

  public static Tensor full(long[] shape, double value, ScalarType dtype, Device device) {
    return torch.full(shape, new Scalar(value), options(dtype, device));
  }

  /** A (rows, cols) int64 tensor from equal-length rows. */
  public static Tensor longs(long[][] rows, Device device) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    long[] flat = new long[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != cols) {
        throw new IllegalArgumentException("ragged rows: " + rows[r].length + " != " + cols);
      }
      System.arraycopy(rows[r], 0, flat, r * cols, cols);
    }
    return onDevice(Tensor.create(flat, rows.length, cols), device);
  }

  public static Tensor longs(long[] values, Device device) {
    return onDevice(Tensor.create(values, values.length), device);
  }

  public static Tensor floats(float[] values, long[] shape, Device device) {
    return onDevice(Tensor.create(values, shape), device);
  }

  private static Tensor onDevice(Tensor cpu, Device device) {
    return device.is_cuda() ? cpu.to(device, cpu.scalar_type()) : cpu;
  }

  /** All elements, row-major, as float (copies to the CPU first when needed). */
  public static float[] toFloats(Tensor t) {
    Tensor cpu = t.to(Devices.cpu(), ScalarType.Float).contiguous();
    float[] out = new float[Math.toIntExact(cpu.numel())];
    cpu.data_ptr_float().get(out);
    return out;
  }

  public static long[] toLongs(Tensor t) {
    Tensor cpu = t.to(Devices.cpu(), ScalarType.Long).contiguous();
    long[] out = new long[Math.toIntExact(cpu.numel())];
    cpu.data_ptr_long().get(out);
    return out;
  }

  public static long[] shape(Tensor t) {
    long[] s = new long[(int) t.dim()];
    for (int i = 0; i < s.length; i++) {
      s[i] = t.size(i);
    }
    return s;
  }
}

package ai.brandtune.io;

import ai.brandtune.tensor.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/** Builds tensors from raw bytes, reads their bytes back, and hand-assembles safetensors files. */
final class SafetensorsTestSupport {

  private SafetensorsTestSupport() {}

  /** A new CPU tensor holding exactly {@code bytes}. */
  @SuppressWarnings("try")
  static Tensor tensorOf(DType dtype, long[] shape, byte[] bytes) {
    Tensor result;
    try (PointerScope scope = new PointerScope()) {
      BytePointer blob = new BytePointer(Math.max(1, bytes.length));
      blob.put(bytes);
      TensorOptions options = new TensorOptions().dtype(new ScalarTypeOptional(dtype.scalarType()));
      result = torch.from_blob(blob, shape, options).clone();
      result.retainReference();
    }
    return result;
  }

  /** A tensor of random bits (valid 0/1 for BOOL), so NaN payloads and every bit are tested. */
  static Tensor randomTensor(DType dtype, long[] shape, Random random) {
    long numel = 1;
    for (long d : shape) {
      numel *= d;
    }
    byte[] bytes = new byte[(int) (numel * dtype.byteSize())];
    random.nextBytes(bytes);
    if (dtype == DType.BOOL) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] &= 1;
      }
    }
    return tensorOf(dtype, shape, bytes);
  }

  /** The raw bytes of a tensor, in logical (contiguous) order. */
  @SuppressWarnings("try")
  static byte[] bytesOf(Tensor tensor) {
    try (PointerScope scope = new PointerScope()) {
      Tensor dense = tensor.contiguous();
      byte[] out = new byte[(int) dense.nbytes()];
      if (out.length > 0) {
        new BytePointer(dense.data_ptr()).capacity(out.length).get(out);
      }
      return out;
    }
  }

  @SuppressWarnings("try")
  static long[] shapeOf(Tensor tensor) {
    try (PointerScope scope = new PointerScope()) {
      return tensor.sizes().vec().get();
    }
  }

  /** A file: 8-byte little-endian {@code headerLength}, then {@code header}, then {@code data}. */
  static Path rawFile(Path dir, String name, long headerLength, byte[] header, byte[] data)
      throws IOException {
    ByteBuffer out =
        ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(headerLength).put(header).put(data);
    Path file = dir.resolve(name);
    Files.write(file, out.array());
    return file;
  }

  /** A well-formed frame around a JSON header (not padded) and data. */
  static Path rawFile(Path dir, String name, String json, byte[] data) throws IOException {
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    return rawFile(dir, name, header.length, header, data);
  }

  /** The header JSON of a file, as written (padding included). */
  static String headerText(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return new String(all, 8, (int) n, StandardCharsets.UTF_8);
  }

  static byte[] littleEndian(int bytesPerValue, long... values) {
    ByteBuffer out =
        ByteBuffer.allocate(values.length * bytesPerValue).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      switch (bytesPerValue) {
        case 1 -> out.put((byte) v);
        case 2 -> out.putShort((short) v);
        case 4 -> out.putInt((int) v);
        case 8 -> out.putLong(v);
        default -> throw new IllegalArgumentException("bytesPerValue " + bytesPerValue);
      }
    }
    return out.array();
  }

  static byte[] floats(float... values) {
    ByteBuffer out = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      out.putFloat(v);
    }
    return out.array();
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer out = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      out.put(p);
    }
    return out.array();
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}

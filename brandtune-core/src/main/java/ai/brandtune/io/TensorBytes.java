package ai.brandtune.io;

import ai.brandtune.BrandtuneException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * Moves raw tensor bytes between native memory and files, in pieces small enough for Java's
 * int-indexed buffers, and hands tensors made inside a scope back to the caller.
 *
 * <p>Java 17 maps and wraps at most 2 GB per buffer, so every copy here goes through windows of at
 * most {@link #DEFAULT_WINDOW} bytes; tests pass a tiny window to make tensors straddle windows.
 */
final class TensorBytes {

  /** Largest piece mapped or written at once: 1 GiB, well under the 2 GB buffer limit. */
  static final long DEFAULT_WINDOW = 1L << 30;

  private TensorBytes() {}

  /**
   * Copies {@code length} bytes of {@code channel} at {@code position} to {@code dst}, mapping at
   * most {@code window} bytes at a time.
   */
  static void mapInto(FileChannel channel, long position, long length, BytePointer dst, long window)
      throws IOException {
    requireLittleEndian();
    for (long done = 0; done < length; ) {
      long n = Math.min(window, length - done);
      MappedByteBuffer src = channel.map(FileChannel.MapMode.READ_ONLY, position + done, n);
      slice(dst, done, n).put(src);
      done += n;
    }
  }

  /**
   * Writes {@code length} bytes of {@code src} to {@code out}, at most {@code window} at a time.
   */
  static void writeFrom(BytePointer src, long length, WritableByteChannel out, long window)
      throws IOException {
    requireLittleEndian();
    for (long done = 0; done < length; ) {
      long n = Math.min(window, length - done);
      ByteBuffer piece = slice(src, done, n);
      while (piece.hasRemaining()) {
        out.write(piece);
      }
      done += n;
    }
  }

  /**
   * Moves a tensor created inside a now-closed {@link PointerScope} (and retained there, so it
   * survived) to the caller's scope, if the caller has one; otherwise the caller owns it alone.
   * Either way it then behaves like a tensor the caller created itself.
   */
  static Tensor handToCaller(Tensor retained) {
    PointerScope outer = PointerScope.getInnerScope();
    if (outer != null) {
      outer.attach(retained);
      retained.releaseReference();
    }
    return retained;
  }

  private static ByteBuffer slice(BytePointer base, long offset, long length) {
    return new BytePointer(base).position(offset).limit(offset + length).asBuffer();
  }

  // safetensors data is little-endian and libtorch uses native order; we copy bytes as they are.
  private static void requireLittleEndian() {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new BrandtuneException(
          "safetensors data is little-endian and this machine is big-endian; not supported");
    }
  }
}

package ai.brandtune.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * One safetensors file, open read-only: its validated header, and its tensors loaded one at a time
 * as CPU libtorch tensors.
 *
 * <p>Each {@link #load} maps just that tensor's byte range (in windows under 2 GB, so files and
 * tensors of any size work) and copies it into a new tensor that owns its memory; loaded tensors
 * stay valid after the file is closed. Not for concurrent use from several threads.
 */
public final class SafetensorsFile implements AutoCloseable {

  private final SafetensorsHeader header;
  private final FileChannel channel;
  private final long mapWindow;
  private boolean closed;

  private SafetensorsFile(SafetensorsHeader header, FileChannel channel, long mapWindow) {
    this.header = header;
    this.channel = channel;
    this.mapWindow = mapWindow;
  }

  /** Opens {@code file} and validates its header. */
  public static SafetensorsFile open(Path file) {
    return open(file, TensorBytes.DEFAULT_WINDOW);
  }

  /** As {@link #open(Path)}, mapping at most {@code mapWindow} bytes at a time (for tests). */
  static SafetensorsFile open(Path file, long mapWindow) {
    if (mapWindow <= 0 || mapWindow > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("mapWindow must be in (0, 2^31): " + mapWindow);
    }
    if (!Files.isRegularFile(file)) {
      throw IoErrors.inFile(file, "no such safetensors file");
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw IoErrors.io(file, "open", e);
    }
    try {
      return new SafetensorsFile(SafetensorsHeader.read(file, channel), channel, mapWindow);
    } catch (RuntimeException e) {
      closeQuietly(channel, e);
      throw e;
    }
  }

  /** The file's path. */
  public Path path() {
    return header.file();
  }

  /** The validated header. */
  public SafetensorsHeader header() {
    return header;
  }

  /** Tensor names, in the order of their data. */
  public Set<String> names() {
    return header.entries().keySet();
  }

  /** Whether the file holds a tensor called {@code name}. */
  public boolean contains(String name) {
    return header.entries().containsKey(name);
  }

  /** The header entry of tensor {@code name}; an error naming file and tensor if there is none. */
  public TensorEntry entry(String name) {
    TensorEntry entry = header.entries().get(name);
    if (entry == null) {
      throw IoErrors.inTensor(
          path(),
          name,
          "no such tensor in this file"
              + (names().isEmpty()
                  ? " (it holds none)"
                  : " (it holds " + names().size() + ": " + IoErrors.preview(names(), 5) + ")"));
    }
    return entry;
  }

  /** The {@code __metadata__} strings. */
  public Map<String, String> metadata() {
    return header.metadata();
  }

  /**
   * Loads tensor {@code name} as a new CPU tensor of the file's dtype and shape, owning its memory.
   * Like any new tensor it belongs to the caller's innermost {@link PointerScope}, if there is one.
   */
  @SuppressWarnings("try") // the scope is used for what it frees on close
  public Tensor load(String name) {
    if (closed) {
      throw new IllegalStateException(path() + " is closed");
    }
    TensorEntry entry = entry(name);
    Tensor tensor;
    try (PointerScope scope = new PointerScope()) {
      requireUnchangedSize();
      TensorOptions options =
          new TensorOptions().dtype(new ScalarTypeOptional(entry.dtype().scalarType()));
      tensor = torch.empty(entry.shape(), options, new MemoryFormatOptional());
      if (entry.byteLength() > 0) {
        BytePointer dst = new BytePointer(tensor.data_ptr());
        TensorBytes.mapInto(
            channel, header.dataOffset() + entry.begin(), entry.byteLength(), dst, mapWindow);
      }
      tensor.retainReference();
    } catch (IOException e) {
      throw IoErrors.io(path(), "read tensor '" + name + "'", e);
    }
    return TensorBytes.handToCaller(tensor);
  }

  // Reading a mapping past the end of a file that shrank would fault; fail with a message instead.
  private void requireUnchangedSize() throws IOException {
    long expected = header.dataOffset() + header.dataLength();
    if (channel.size() != expected) {
      throw IoErrors.inFile(
          path(),
          "the file changed while open (now "
              + channel.size()
              + " bytes, was "
              + expected
              + "); reopen it");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        channel.close();
      } catch (IOException e) {
        throw IoErrors.io(path(), "close", e);
      }
    }
  }

  private static void closeQuietly(FileChannel channel, RuntimeException cause) {
    try {
      channel.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}

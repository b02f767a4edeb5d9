package ai.brandtune.io;

import ai.brandtune.tensor.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * Writes libtorch tensors as safetensors files that the reference implementation, transformers and
 * vLLM read, laid out byte for byte as the reference writer lays them out (see {@link
 * SafetensorsLayout}), with {@code {"format":"pt"}} in the metadata as transformers expects.
 *
 * <p>Files are written atomically (temporary file, fsync, rename). Tensor bytes are streamed to
 * disk one tensor at a time from contiguous CPU copies, so memory use stays at one tensor, not one
 * file.
 */
public final class SafetensorsWriter {

  /** The metadata key transformers checks, and the value it expects for PyTorch weights. */
  public static final String FORMAT_KEY = "format";

  public static final String FORMAT_PT = "pt";

  private static final Pattern WEIGHT_FILE =
      Pattern.compile(
          Pattern.quote(SafetensorsWeights.SINGLE_FILE)
              + "|"
              + Pattern.quote(ShardIndex.FILE_NAME)
              + "|model-\\d{5}-of-\\d{5}\\.safetensors");

  private SafetensorsWriter() {}

  /**
   * Writes {@code tensors} to {@code file}. {@code metadata} (may be null) goes into {@code
   * __metadata__}, with {@code "format": "pt"} added unless it sets a format itself.
   */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
    write(file, tensors, metadata, TensorBytes.DEFAULT_WINDOW);
  }

  /** As {@link #write(Path, Map, Map)}, copying at most {@code window} bytes at a time. */
  static void write(
      Path file, Map<String, Tensor> tensors, Map<String, String> metadata, long window) {
    SafetensorsLayout layout =
        SafetensorsLayout.of(specs(file, tensors), withFormat(file, metadata));
    AtomicFiles.write(
        file,
        channel -> {
          ByteBuffer header = ByteBuffer.wrap(layout.header());
          while (header.hasRemaining()) {
            channel.write(header);
          }
          for (TensorEntry entry : layout.entries()) {
            writeData(file, entry, tensors.get(entry.name()), channel, window);
          }
          if (channel.position() != layout.fileLength()) {
            throw new IOException(
                "wrote " + channel.position() + " bytes, expected " + layout.fileLength());
          }
        });
  }

  /**
   * Writes {@code tensors} into checkpoint directory {@code dir} as Hugging Face does: {@code
   * model.safetensors} when they fit in one shard of {@code maxShardBytes}, otherwise {@code
   * model-00001-of-0000N.safetensors} shards (filled in the map's order) and {@code
   * model.safetensors.index.json}. Weight files of an earlier save in {@code dir} that this save
   * does not replace (such as old shards) are deleted, so the directory holds one set of weights.
   */
  public static void writeSharded(Path dir, Map<String, Tensor> tensors, long maxShardBytes) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (SafetensorsLayout.Spec s : specs(dir, tensors)) {
      sizes.put(s.name(), s.byteLength());
    }
    List<List<String>> shards = ShardPlan.split(sizes, maxShardBytes);
    Set<String> written = new HashSet<>();
    if (shards.size() == 1) {
      write(dir.resolve(SafetensorsWeights.SINGLE_FILE), tensors, Map.of());
      written.add(SafetensorsWeights.SINGLE_FILE);
    } else {
      Map<String, String> weightMap = new LinkedHashMap<>();
      long totalSize = 0;
      for (int i = 0; i < shards.size(); i++) {
        String shardName = ShardPlan.shardFileName(i, shards.size());
        Map<String, Tensor> shard = new LinkedHashMap<>();
        for (String name : shards.get(i)) {
          shard.put(name, tensors.get(name));
          weightMap.put(name, shardName);
          totalSize += sizes.get(name);
        }
        write(dir.resolve(shardName), shard, Map.of());
        written.add(shardName);
      }
      ShardIndex.write(dir.resolve(ShardIndex.FILE_NAME), totalSize, weightMap);
      written.add(ShardIndex.FILE_NAME);
    }
    deleteStaleWeights(dir, written);
  }

  @SuppressWarnings("try") // the scope is used for what it frees on close
  private static List<SafetensorsLayout.Spec> specs(Path file, Map<String, Tensor> tensors) {
    List<SafetensorsLayout.Spec> specs = new ArrayList<>(tensors.size());
    try (PointerScope scope = new PointerScope()) {
      for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
        String name = e.getKey();
        Tensor t = e.getValue();
        if (name == null || name.equals(HeaderParser.METADATA_KEY)) {
          throw IoErrors.inFile(file, "a tensor cannot be called " + name);
        }
        if (t == null || t.isNull() || !t.defined()) {
          throw IoErrors.inTensor(file, name, "the tensor is undefined");
        }
        DType dtype =
            DType.fromScalarType(t.scalar_type())
                .orElseThrow(
                    () ->
                        IoErrors.inTensor(
                            file,
                            name,
                            "dtype "
                                + t.scalar_type()
                                + " cannot be written (supported: "
                                + Arrays.toString(DType.values())
                                + ")"));
        specs.add(new SafetensorsLayout.Spec(name, dtype, t.sizes().vec().get()));
      }
    }
    return specs;
  }

  private static Map<String, String> withFormat(Path file, Map<String, String> metadata) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (metadata == null) {
      metadata = Map.of();
    }
    for (Map.Entry<String, String> m : metadata.entrySet()) {
      if (m.getKey() == null || m.getValue() == null) {
        throw IoErrors.inFile(file, "metadata keys and values must not be null: " + m);
      }
      merged.put(m.getKey(), m.getValue());
    }
    merged.putIfAbsent(FORMAT_KEY, FORMAT_PT);
    return merged;
  }

  @SuppressWarnings("try") // the scope is used for what it frees on close
  private static void writeData(
      Path file, TensorEntry entry, Tensor tensor, FileChannel channel, long window)
      throws IOException {
    try (PointerScope scope = new PointerScope()) {
      Tensor cpu = tensor.is_cpu() ? tensor : tensor.cpu();
      Tensor dense = cpu.contiguous();
      if (dense.nbytes() != entry.byteLength()) {
        throw IoErrors.inTensor(
            file, entry.name(), "the tensor changed size while it was being written");
      }
      if (entry.byteLength() > 0) {
        TensorBytes.writeFrom(
            new BytePointer(dense.data_ptr()), entry.byteLength(), channel, window);
      }
    }
  }

  private static void deleteStaleWeights(Path dir, Set<String> keep) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!keep.contains(name) && WEIGHT_FILE.matcher(name).matches()) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      throw IoErrors.io(dir, "remove the weight files of an earlier save", e);
    }
  }
}

package ai.brandtune.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bytedeco.pytorch.Tensor;

/**
 * The weights of a checkpoint: one safetensors file, or the shards a Hugging Face {@code
 * model.safetensors.index.json} lists, seen as one set of named tensors.
 *
 * <p>{@link #open} validates everything up front: every shard exists and has a valid header, and
 * every tensor of the index's {@code weight_map} is in the shard it is mapped to. The index is
 * authoritative: tensors a shard holds but the index does not map are not part of the weights.
 */
public final class SafetensorsWeights implements AutoCloseable {

  /** The single-file weights name in a checkpoint directory. */
  public static final String SINGLE_FILE = "model.safetensors";

  /** The shard index name in a checkpoint directory. */
  public static final String INDEX_FILE = ShardIndex.FILE_NAME;

  private static final int PREVIEW = 10;

  private final Path source;
  private final List<SafetensorsFile> files;
  private final Map<String, SafetensorsFile> fileOf;

  private SafetensorsWeights(
      Path source, List<SafetensorsFile> files, Map<String, SafetensorsFile> fileOf) {
    this.source = source;
    this.files = files;
    this.fileOf = fileOf;
  }

  /**
   * Opens the weights at {@code dirOrFile}: a checkpoint directory holding {@code
   * model.safetensors} or, failing that, {@code model.safetensors.index.json} (the order
   * transformers looks in); a shard index file ({@code *.index.json}); or any single safetensors
   * file.
   */
  public static SafetensorsWeights open(Path dirOrFile) {
    return open(dirOrFile, TensorBytes.DEFAULT_WINDOW);
  }

  static SafetensorsWeights open(Path dirOrFile, long mapWindow) {
    if (Files.isDirectory(dirOrFile)) {
      Path single = dirOrFile.resolve(SINGLE_FILE);
      Path index = dirOrFile.resolve(INDEX_FILE);
      if (Files.isRegularFile(single)) {
        return single(single, mapWindow);
      }
      if (Files.isRegularFile(index)) {
        return sharded(index, mapWindow);
      }
      throw IoErrors.inFile(
          dirOrFile, "no weights: the directory has neither " + SINGLE_FILE + " nor " + INDEX_FILE);
    }
    if (dirOrFile.getFileName() != null
        && dirOrFile.getFileName().toString().endsWith(".index.json")) {
      return sharded(dirOrFile, mapWindow);
    }
    return single(dirOrFile, mapWindow);
  }

  private static SafetensorsWeights single(Path file, long mapWindow) {
    SafetensorsFile st = SafetensorsFile.open(file, mapWindow);
    Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
    for (String name : st.names()) {
      fileOf.put(name, st);
    }
    return new SafetensorsWeights(file, List.of(st), Collections.unmodifiableMap(fileOf));
  }

  private static SafetensorsWeights sharded(Path indexFile, long mapWindow) {
    if (!Files.isRegularFile(indexFile)) {
      throw IoErrors.inFile(indexFile, "no such shard index file");
    }
    Map<String, String> weightMap = ShardIndex.readWeightMap(indexFile);
    Path dir = indexFile.toAbsolutePath().normalize().getParent();
    Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
    Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, String> e : weightMap.entrySet()) {
        String tensor = e.getKey();
        String shardName = e.getValue();
        SafetensorsFile shard = shards.get(shardName);
        if (shard == null) {
          Path shardPath = dir.resolve(shardName).normalize();
          if (!shardPath.startsWith(dir) || !Files.isRegularFile(shardPath)) {
            throw IoErrors.inTensor(
                indexFile,
                tensor,
                "mapped to shard '" + shardName + "', which does not exist in " + dir);
          }
          shard = SafetensorsFile.open(shardPath, mapWindow);
          shards.put(shardName, shard);
        }
        if (!shard.contains(tensor)) {
          throw IoErrors.inTensor(
              indexFile,
              tensor,
              "mapped to shard '" + shardName + "', but that shard has no such tensor");
        }
        fileOf.put(tensor, shard);
      }
    } catch (RuntimeException e) {
      closeAll(shards.values(), e);
      throw e;
    }
    return new SafetensorsWeights(
        indexFile, List.copyOf(shards.values()), Collections.unmodifiableMap(fileOf));
  }

  /** The file the weights were opened from: the single safetensors file or the shard index. */
  public Path source() {
    return source;
  }

  /** All tensor names: in data order for one file, in index order for shards. */
  public Set<String> names() {
    return fileOf.keySet();
  }

  /** Whether the weights hold a tensor called {@code name}. */
  public boolean contains(String name) {
    return fileOf.containsKey(name);
  }

  /** The header entry of tensor {@code name}; an error naming the source if there is none. */
  public TensorEntry entry(String name) {
    return fileFor(name).entry(name);
  }

  /** Loads tensor {@code name}; see {@link SafetensorsFile#load}. */
  public Tensor load(String name) {
    return fileFor(name).load(name);
  }

  /**
   * Checks that the weights hold exactly the tensors {@code expected}; otherwise throws an error
   * listing the missing and the unexpected names (the first 10 of each, with counts).
   */
  public void checkNames(Set<String> expected) {
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(fileOf.keySet());
    Set<String> unexpected = new TreeSet<>(fileOf.keySet());
    unexpected.removeAll(expected);
    if (missing.isEmpty() && unexpected.isEmpty()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add(missing.size() + " missing: " + IoErrors.preview(missing, PREVIEW));
    }
    if (!unexpected.isEmpty()) {
      problems.add(unexpected.size() + " unexpected: " + IoErrors.preview(unexpected, PREVIEW));
    }
    throw IoErrors.inFile(
        source,
        "the tensors do not match what the model expects; "
            + String.join("; ", problems)
            + ". Is this checkpoint for another model or architecture?");
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (SafetensorsFile f : files) {
      try {
        f.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private SafetensorsFile fileFor(String name) {
    SafetensorsFile file = fileOf.get(name);
    if (file == null) {
      throw IoErrors.inTensor(
          source, name, "no such tensor in these weights (" + fileOf.size() + " tensors)");
    }
    return file;
  }

  private static void closeAll(Iterable<SafetensorsFile> files, RuntimeException cause) {
    for (SafetensorsFile f : files) {
      try {
        f.close();
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
  }
}

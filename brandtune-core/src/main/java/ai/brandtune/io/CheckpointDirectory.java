package ai.brandtune.io;

import ai.brandtune.BrandtuneException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The Hugging Face model directory layout: file names, tokenizer files that travel with a model,
 * and writing a whole directory atomically (into a sibling temp directory, then renamed into
 * place), so a crash never leaves a half-written checkpoint under the target name.
 */
public final class CheckpointDirectory {
  public static final String CONFIG = "config.json";
  public static final String GENERATION_CONFIG = "generation_config.json";
  public static final String TOKENIZER = "tokenizer.json";
  public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
  public static final String CHAT_TEMPLATE = "chat_template.jinja";

  /** Files a tokenizer may consist of; those present are copied along with a model. */
  public static final List<String> TOKENIZER_FILES =
      List.of(
          TOKENIZER,
          TOKENIZER_CONFIG,
          CHAT_TEMPLATE,
          "special_tokens_map.json",
          "vocab.json",
          "merges.txt",
          "tokenizer.model",
          "added_tokens.json");

  /** Default largest shard, as transformers' save_pretrained. */
  public static final long MAX_SHARD_BYTES = 5L * 1024 * 1024 * 1024;

  private CheckpointDirectory() {}

  /** Fails with a message naming the directory when it is not a model directory. */
  public static void requireModelDir(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BrandtuneException(dir + ": no such model directory");
    }
    if (!Files.isRegularFile(dir.resolve(CONFIG))) {
      throw new BrandtuneException(dir + ": not a Hugging Face model directory (no config.json)");
    }
  }

  public static void copyTokenizerFiles(Path from, Path to) {
    try {
      Files.createDirectories(to);
      for (String name : TOKENIZER_FILES) {
        Path src = from.resolve(name);
        if (Files.isRegularFile(src)) {
          Files.copy(src, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new BrandtuneException(
          "cannot copy tokenizer files from " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  /** Writes into a fresh sibling directory, fsyncs it, then moves it over {@code target}. */
  public static void writeAtomically(Path target, DirectoryContent content) {
    Path abs = target.toAbsolutePath();
    Path parent = abs.getParent();
    Path tmp = parent.resolve("." + abs.getFileName() + ".tmp-" + UUID.randomUUID());
    Path old = parent.resolve("." + abs.getFileName() + ".old-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      content.writeTo(tmp);
      syncTree(tmp);
      boolean existed = Files.exists(abs);
      if (existed) {
        move(abs, old);
      }
      move(tmp, abs);
      if (existed) {
        deleteTree(old);
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new BrandtuneException("cannot write " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  /** Writes the files of a directory. */
  @FunctionalInterface
  public interface DirectoryContent {
    void writeTo(Path dir) throws IOException;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void syncTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p)) {
          try (var ch =
              java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
          }
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      deleteTree(dir);
    } catch (IOException ignored) {
      // the original failure is what the user needs to see
    }
  }
}

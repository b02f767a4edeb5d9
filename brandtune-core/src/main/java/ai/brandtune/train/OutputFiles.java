package ai.brandtune.train;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.CheckpointDirectory;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes the final model files into {@code output_dir} itself, next to the checkpoints and metrics
 * that live there (so the directory cannot be swapped whole): the files are written and fsynced in
 * a hidden temporary directory, then each is renamed into place. A crash leaves either the old file
 * or the new one, never a partial file.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /**
   * Writes the trained model with the base model's tokenizer files, and its {@code
   * generation_config.json} when asked (a full causal-LM checkpoint that generates).
   */
  public static void writeModel(
      Path outputDir, TrainableModel trainable, Path baseModel, boolean withGenerationConfig) {
    write(
        outputDir,
        dir -> {
          trainable.writeTo(dir);
          CheckpointDirectory.copyTokenizerFiles(baseModel, dir);
          Path generation = baseModel.resolve(CheckpointDirectory.GENERATION_CONFIG);
          if (withGenerationConfig && Files.isRegularFile(generation)) {
            Files.copy(generation, dir.resolve(CheckpointDirectory.GENERATION_CONFIG));
          }
        });
  }

  public static void write(Path outputDir, Checkpoints.Content content) {
    Path tmp = outputDir.resolve(".final-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      content.writeTo(tmp);
      try (Stream<Path> files = Files.list(tmp)) {
        for (Path f : (Iterable<Path>) files.sorted()::iterator) {
          try (var ch =
              java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
          }
          Path target = outputDir.resolve(f.getFileName());
          try {
            Files.move(
                f, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (IOException e) {
      throw new BrandtuneException("cannot write the model into " + outputDir + ": " + e, e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a leftover hidden temporary directory is harmless
    }
  }
}

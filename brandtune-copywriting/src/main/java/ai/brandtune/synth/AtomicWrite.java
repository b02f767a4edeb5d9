package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes a binary file (Parquet) through a temporary sibling and a rename, so a crash or Ctrl-C
 * leaves either the old file or the new one, never half of one: a resumed build trusts every file
 * it finds. Text files go through {@link SynthFiles#writeAtomically}.
 */
final class AtomicWrite {
  private AtomicWrite() {}

  /** A writer of the temporary file. */
  @FunctionalInterface
  interface Writer {
    void write(Path tmp) throws IOException;
  }

  /** Runs {@code writer} on a fresh temporary path next to {@code file}, then renames it. */
  static void to(Path file, Writer writer) {
    Path dir = file.toAbsolutePath().getParent();
    // not Files.createTempFile: its owner-only permissions would stick to the renamed file
    Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(dir);
      try {
        writer.write(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new BrandtuneException(file + ": cannot write: " + e.getMessage(), e);
    }
  }
}

package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.KitFiles;
import ai.brandtune.brand.KitSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The brand kit's preference eval set as a file: a kit directory's own {@code
 * preference_eval.jsonl}, or the built-in kit's copied out of the jar into a temporary directory.
 */
final class BrandEvalSet {
  private BrandEvalSet() {}

  static Path file(KitSource kit) {
    if (kit.directory().isPresent()) {
      Path file = kit.directory().get().resolve(KitFiles.PREFERENCE_EVAL);
      if (!Files.isRegularFile(file)) {
        throw new BrandtuneException(file + ": the kit has no preference eval set");
      }
      return file;
    }
    String text =
        kit.read(KitFiles.PREFERENCE_EVAL)
            .orElseThrow(
                () ->
                    new BrandtuneException(
                        kit.label(KitFiles.PREFERENCE_EVAL)
                            + ": the kit has no preference eval set"));
    try {
      Path dir = Files.createTempDirectory("brandtune-brand-eval");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve(KitFiles.PREFERENCE_EVAL);
      Files.writeString(file, text, StandardCharsets.UTF_8);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new BrandtuneException("cannot copy the built-in preference eval set: " + e, e);
    }
  }
}

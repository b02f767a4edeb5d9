package ai.brandtune.io;

import ai.brandtune.BrandtuneException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Collectors;

/** Builds the user errors of this package, so every message names its file the same way. */
final class IoErrors {

  private IoErrors() {}

  static BrandtuneException inFile(Path file, String message) {
    return new BrandtuneException(file + ": " + message);
  }

  static BrandtuneException inTensor(Path file, String tensor, String message) {
    return new BrandtuneException(file + ": tensor '" + tensor + "': " + message);
  }

  static BrandtuneException io(Path file, String action, IOException cause) {
    return new BrandtuneException(file + ": cannot " + action + ": " + cause, cause);
  }

  /** The first {@code max} names, quoted, then how many were left out. */
  static String preview(Collection<String> names, int max) {
    String shown =
        names.stream().limit(max).map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    int left = names.size() - Math.min(max, names.size());
    return left > 0 ? shown + ", ... and " + left + " more" : shown;
  }
}

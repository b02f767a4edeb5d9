package ai.brandtune.cli;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.KitSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which brand kit a {@code brand} command works on: a directory, or the built-in kit. */
final class KitOptions {
  @Option(
      names = "--kit",
      paramLabel = "DIR",
      description =
          "Brand kit directory (brand.yaml, content_types.yaml, products.yaml, ingredients.yaml,"
              + " effects.yaml, ...). Default: the built-in kit.")
  Path dir;

  KitSource source() {
    return dir == null ? KitSource.builtIn() : KitSource.directory(dir);
  }

  BrandKit load() {
    return BrandKit.load(source());
  }
}

package ai.brandtune.brand;

import ai.brandtune.BrandtuneException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a kit's files come from: a directory a user can edit, or the built-in resources. Every kit
 * file has the same flat name in both ({@code brand.yaml}, {@code products.yaml}, ...).
 */
public interface KitSource {

  /** The resource folder of the built-in kit. */
  String BUILT_IN_RESOURCES = "ai/brandtune/brand/default/";

  /** The file's text, or empty when the kit has no such file. */
  Optional<String> read(String fileName);

  /** How messages name the file: its path, or {@code built-in:NAME}. */
  String label(String fileName);

  /** How messages name the kit as a whole: its directory, or {@code built-in}. */
  default String name() {
    return directory().map(Path::toString).orElse("built-in");
  }

  /** The directory for a directory kit; empty for the built-in kit. */
  Optional<Path> directory();

  static KitSource directory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BrandtuneException(
          "--kit "
              + dir
              + ": no such directory (a kit directory holds brand.yaml, products.yaml, ...)");
    }
    return new KitSource() {
      @Override
      public Optional<String> read(String fileName) {
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
          return Optional.empty();
        }
        try {
          return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new BrandtuneException(file + ": cannot read: " + e.getMessage(), e);
        }
      }

      @Override
      public String label(String fileName) {
        return dir.resolve(fileName).toString();
      }

      @Override
      public Optional<Path> directory() {
        return Optional.of(dir);
      }
    };
  }

  /** The kit that ships with brandtune. */
  static KitSource builtIn() {
    return resources(BUILT_IN_RESOURCES, "built-in");
  }

  /**
   * A kit packaged as class-path resources under {@code folder} (ending in {@code /}), such as a
   * brand shipped in a jar; {@code name} is how messages call it.
   */
  static KitSource resources(String folder, String name) {
    return new KitSource() {
      @Override
      public Optional<String> read(String fileName) {
        ClassLoader loader = KitSource.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(folder + fileName)) {
          if (in == null) {
            return Optional.empty();
          }
          return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new BrandtuneException(label(fileName) + ": cannot read: " + e.getMessage(), e);
        }
      }

      @Override
      public String label(String fileName) {
        return name + ":" + fileName;
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<Path> directory() {
        return Optional.empty();
      }
    };
  }
}

package ai.brandtune.brand;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The tiny made-up brand 山野手记 of the test resources: three products, three content types. */
public final class TestKit {
  public static final String RESOURCES = "ai/brandtune/brand/testkit/";
  public static final List<String> FILES =
      List.of(
          KitFiles.BRAND,
          KitFiles.CONTENT_TYPES,
          KitFiles.PRODUCTS,
          KitFiles.INGREDIENTS,
          KitFiles.EFFECTS);

  private TestKit() {}

  public static BrandKit load() {
    return BrandKit.load(KitSource.resources(RESOURCES, "testkit"));
  }

  /** Copies the kit's files into {@code dir} (created), so a test can edit them. */
  public static Path copyTo(Path dir) {
    try {
      Files.createDirectories(dir);
      for (String f : FILES) {
        try (InputStream in = TestKit.class.getClassLoader().getResourceAsStream(RESOURCES + f)) {
          Files.write(dir.resolve(f), in.readAllBytes());
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code from} (which must occur) by {@code to} in a kit file. */
  public static void edit(Path dir, String file, String from, String to) {
    try {
      Path p = dir.resolve(file);
      String s = Files.readString(p, StandardCharsets.UTF_8);
      if (!s.contains(from)) {
        throw new IllegalArgumentException(file + " has no " + from);
      }
      Files.writeString(p, s.replace(from, to), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

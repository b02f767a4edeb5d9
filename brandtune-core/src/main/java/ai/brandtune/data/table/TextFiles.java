package ai.brandtune.data.table;

import ai.brandtune.BrandtuneException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a text table file as UTF-8, unzipping {@code .gz} on the fly. */
final class TextFiles {
  private TextFiles() {}

  static BufferedReader open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BrandtuneException(file + ": no such data file");
    }
    try {
      InputStream in = Files.newInputStream(file);
      if (TableFormat.isGzip(file)) {
        in = new GZIPInputStream(in, 1 << 16);
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException e) {
      throw new BrandtuneException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  static String stripBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}

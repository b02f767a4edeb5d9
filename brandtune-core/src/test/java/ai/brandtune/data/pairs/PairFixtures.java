package ai.brandtune.data.pairs;

import ai.brandtune.data.table.ParquetFixtures;
import java.nio.file.Path;

/** The committed pair fixtures, and the same rows written to Parquet at test time. */
final class PairFixtures {
  private PairFixtures() {}

  static Path file(String name) {
    return Path.of("src/test/resources/ai/brandtune/data/pairs", name);
  }

  /** The fixture {@code base} in {@code format} (csv, jsonl, or parquet written from the JSONL). */
  static Path inFormat(String base, String format, Path dir) {
    if (format.equals("parquet")) {
      return ParquetFixtures.write(
          dir.resolve(base + ".parquet"), ParquetFixtures.jsonlRows(file(base + ".jsonl")));
    }
    return file(base + "." + format);
  }
}

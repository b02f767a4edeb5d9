package ai.brandtune.data.table;

import ai.brandtune.BrandtuneException;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats a {@link TableReader} reads, told apart by the file name's extension. */
public enum TableFormat {
  /** Comma-separated values with a header row (RFC 4180 quoting, fields may span lines). */
  CSV,
  /** One JSON object per line. */
  JSONL,
  /** Apache Parquet. */
  PARQUET;

  /**
   * The format of {@code file} from its extension: {@code .csv}, {@code .jsonl}/{@code
   * .ndjson}/{@code .json} (one object per line), {@code .parquet}; CSV and JSONL may end in {@code
   * .gz}.
   */
  public static TableFormat of(Path file) {
    String name = baseName(file);
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return JSONL;
    }
    if (name.endsWith(".parquet") || name.endsWith(".pq")) {
      if (isGzip(file)) {
        throw new BrandtuneException(file + ": gzip-compressed Parquet is not supported; unzip it");
      }
      return PARQUET;
    }
    throw new BrandtuneException(
        file
            + ": cannot tell the table format from the file name; use .csv, .jsonl or .parquet"
            + " (CSV and JSONL may be gzip-compressed, ending in .gz)");
  }

  /** Whether the file name ends in {@code .gz}. */
  public static boolean isGzip(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
  }
}

package ai.brandtune.data.table;

import ai.brandtune.data.BadRecords;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads a table file lazily, one {@link TableRow} at a time. A row that cannot be parsed (malformed
 * JSON, a CSV row with more cells than the header) is reported to the {@link BadRecords} given at
 * open: under {@code error} that throws naming the file and row, under {@code skip} the row is
 * counted and reading goes on. Close it when done (it holds the file open).
 */
public interface TableReader extends Iterator<TableRow>, Closeable {

  /**
   * Opens {@code file} in the format its name says ({@link TableFormat#of}), reading only {@code
   * columns} where the format allows (Parquet reads no other column chunk from disk).
   *
   * @param columns the columns wanted; missing ones are simply absent from rows
   * @param broken where unparseable rows go
   */
  static TableReader open(Path file, Collection<String> columns, BadRecords broken) {
    return switch (TableFormat.of(file)) {
      case CSV -> new CsvTableReader(file, columns, broken);
      case JSONL -> new JsonlTableReader(file, columns, broken);
      case PARQUET -> new ParquetTableReader(file, columns);
    };
  }

  Path file();

  /** The file's columns when its header or schema lists them (CSV, Parquet); empty for JSONL. */
  List<String> columns();

  /** Rows in the file when known without reading it (Parquet's footer), for progress bars. */
  OptionalLong rowCount();

  /** Closes the file; never throws for an I/O error on close. */
  @Override
  void close();
}

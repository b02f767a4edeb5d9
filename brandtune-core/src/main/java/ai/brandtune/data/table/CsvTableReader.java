package ai.brandtune.data.table;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordReason;
import ai.brandtune.data.BadRecords;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;

/**
 * CSV with a header row through Jackson's CSV dataformat (RFC 4180 quoting; quoted cells may hold
 * newlines and commas). All cells are strings. A row with more cells than the header, or with
 * broken quoting, is a malformed row; Jackson resumes at the next line, so skipping it is safe.
 */
final class CsvTableReader implements TableReader {
  private static final CsvMapper CSV = new CsvMapper();

  private final Path file;
  private final Set<String> wanted;
  private final BadRecords broken;
  private final BufferedReader text;
  private final MappingIterator<Map<String, String>> rows;
  private final CsvParser parser;
  private final List<String> columns;
  private long number;
  private TableRow next;
  private boolean done;

  CsvTableReader(Path file, Collection<String> columns, BadRecords broken) {
    this.file = file;
    this.wanted = Set.copyOf(columns);
    this.broken = broken;
    this.text = TextFiles.open(file);
    try {
      CsvSchema schema = CsvSchema.emptySchema().withHeader();
      rows = CSV.readerFor(Map.class).with(schema).readValues(text);
      parser = (CsvParser) rows.getParser();
      this.columns = new ArrayList<>();
      rows.hasNextValue(); // parses the header
      for (String name : parser.getSchema().getColumnNames()) {
        this.columns.add(TextFiles.stripBom(name));
      }
    } catch (IOException e) {
      close();
      throw new BrandtuneException(file + ": cannot read the CSV header: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public List<String> columns() {
    return List.copyOf(columns);
  }

  @Override
  public OptionalLong rowCount() {
    return OptionalLong.empty();
  }

  // Rows are read on demand, never ahead, so a broken row is reported only after every row
  // before it has been handed out and dealt with.
  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      advance();
      done = next == null;
    }
    return next != null;
  }

  @Override
  public TableRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    TableRow row = next;
    next = null;
    return row;
  }

  private void advance() {
    next = null;
    while (true) {
      Map<String, String> cells;
      try {
        if (!rows.hasNextValue()) {
          return;
        }
        cells = rows.nextValue();
      } catch (JsonProcessingException e) {
        number++;
        long line = parser.currentLocation().getLineNr();
        broken.report(
            BadRecordReason.MALFORMED_ROW,
            location(line),
            "malformed CSV row: " + e.getOriginalMessage());
        continue;
      } catch (IOException e) {
        throw new BrandtuneException(file + ": cannot read: " + e.getMessage(), e);
      }
      number++;
      Map<String, Object> values = new LinkedHashMap<>();
      long newlines = 0;
      for (Map.Entry<String, String> cell : cells.entrySet()) {
        String value = cell.getValue();
        newlines += value == null ? 0 : value.chars().filter(c -> c == '\n').count();
        String name = TextFiles.stripBom(cell.getKey());
        if (wanted.contains(name)) {
          values.put(name, value);
        }
      }
      // the parser stands at the row's last line; quoted newlines put its start earlier
      long line = parser.currentTokenLocation().getLineNr() - newlines;
      next = new TableRow(number, location(line), values);
      return;
    }
  }

  private String location(long line) {
    return file + ":" + line + " (row " + number + ")";
  }

  @Override
  public void close() {
    try {
      if (rows != null) {
        rows.close();
      }
      text.close();
    } catch (IOException e) {
      // nothing left to read; a failed close loses nothing
    }
  }
}

package ai.brandtune.data.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a table file: the values of the requested columns that the row has (a CSV row's text
 * cells are strings; JSONL and Parquet keep numbers as numbers; a null cell maps to null).
 *
 * @param number the row's ordinal in the file, from 1 (blank JSONL lines and the CSV header are not
 *     rows)
 * @param location where the row is, for messages: {@code file:line (row n)} for text files, {@code
 *     file (row n)} for Parquet
 * @param values column name to value, in file order
 */
public record TableRow(long number, String location, Map<String, Object> values) {

  public TableRow {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Whether the row has the column at all (a null value counts as present). */
  public boolean has(String column) {
    return values.containsKey(column);
  }

  public Object get(String column) {
    return values.get(column);
  }
}

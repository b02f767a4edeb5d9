package ai.brandtune.data.pairs;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordReason;
import ai.brandtune.data.table.TableReader;
import ai.brandtune.data.table.TableRow;
import java.util.ArrayList;
import java.util.List;

/** Column checks and typed cell reads shared by the dataset layouts. */
final class Rows {
  private Rows() {}

  /**
   * Fails at open when the file's header or schema lacks a required column (JSONL has none to
   * check; its rows are checked one by one).
   */
  static void requireColumns(TableReader reader, List<String> required, String layout) {
    List<String> present = reader.columns();
    if (present.isEmpty()) {
      return;
    }
    List<String> missing = new ArrayList<>();
    for (String column : required) {
      if (!present.contains(column)) {
        missing.add(column);
      }
    }
    if (!missing.isEmpty()) {
      reader.close();
      throw new BrandtuneException(
          reader.file()
              + ": missing column(s) "
              + missing
              + " of the "
              + layout
              + " layout "
              + required
              + "; the file has "
              + present);
    }
  }

  /** The text of a cell: "" for null; a number is written as text (CSV ids, Parquet ints). */
  static String text(TableRow row, String column) {
    if (!row.has(column)) {
      throw new BrokenRowException(
          BadRecordReason.MISSING_FIELD, "missing column \"" + column + "\"");
    }
    Object value = row.get(column);
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw new BrokenRowException(
        BadRecordReason.WRONG_TYPE,
        "column \"" + column + "\" must be text, got " + value.getClass().getSimpleName());
  }

  /** A numeric cell; text cells (CSV) are parsed. */
  static double number(TableRow row, String column) {
    if (!row.has(column) || row.get(column) == null) {
      throw new BrokenRowException(
          BadRecordReason.MISSING_FIELD, "missing value of column \"" + column + "\"");
    }
    Object value = row.get(column);
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new BrokenRowException(
        BadRecordReason.WRONG_TYPE,
        "column \"" + column + "\" must be a number, got \"" + value + "\"");
  }

  /**
   * A cell as a meta value, the same whatever the file format: whole numbers (and CSV text that
   * spells one) become Long.
   */
  static Object metaValue(TableRow row, String column) {
    Object value = row.get(column);
    if (value instanceof String s && s.strip().matches("-?[0-9]{1,18}")) {
      return Long.parseLong(s.strip());
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return d.longValue();
    }
    return value;
  }
}

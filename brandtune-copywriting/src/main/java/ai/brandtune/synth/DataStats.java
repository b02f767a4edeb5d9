package ai.brandtune.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dataset statistics per content type, and over all of them: how many copies (and how many in each
 * split), their length distribution, how many pass the brand checks, and the preference records
 * with their rejected-type mix.
 *
 * @param source the copy file the numbers describe ({@code cleaned.jsonl}, or {@code
 *     generated.jsonl} before cleaning)
 * @param rows one row per content type, in the kit's order, then types the kit does not know
 * @param total the same numbers over every row
 */
public record DataStats(String source, List<Row> rows, Row total) {

  public DataStats {
    rows = List.copyOf(rows);
  }

  /**
   * The numbers of one content type.
   *
   * @param copies copies in the source file
   * @param train copies in {@code train/} (0 before the split)
   * @param val copies in {@code val/}
   * @param minLength shortest copy, in non-whitespace characters (as the kit counts length)
   * @param medianLength median length
   * @param maxLength longest copy
   * @param passed copies with no brand-check error
   * @param preferences preference records
   * @param rejectedTypes rejected variants by type, {@code weak}, {@code exaggerated}, {@code
   *     fabricated} first
   * @param rejectedPassed rejected variants with no brand-check error (weak ones usually pass)
   */
  public record Row(
      String contentType,
      int copies,
      int train,
      int val,
      int minLength,
      double medianLength,
      int maxLength,
      int passed,
      int preferences,
      Map<String, Integer> rejectedTypes,
      int rejectedPassed) {

    public Row {
      rejectedTypes = Collections.unmodifiableMap(new LinkedHashMap<>(rejectedTypes));
    }

    public int rejected() {
      return rejectedTypes.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Share of copies passing the brand checks, in [0, 1]; 0 without copies. */
    public double passRate() {
      return copies == 0 ? 0 : (double) passed / copies;
    }

    /** Share of rejected variants passing the brand checks, in [0, 1]; 0 without any. */
    public double rejectedPassRate() {
      return rejected() == 0 ? 0 : (double) rejectedPassed / rejected();
    }
  }

  /** The table the CLI prints: one line per content type, then the total. */
  public List<String> table() {
    List<String> types = new ArrayList<>(total.rejectedTypes().keySet());
    List<String[]> cells = new ArrayList<>();
    List<String> header =
        new ArrayList<>(
            List.of(
                "content type",
                "copies",
                "train",
                "val",
                "len min",
                "median",
                "max",
                "pass",
                "prefs"));
    header.addAll(types);
    header.add("rej pass");
    cells.add(header.toArray(String[]::new));
    for (Row r : rows) {
      cells.add(cells(r, types));
    }
    cells.add(cells(total, types));
    int[] width = new int[header.size()];
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        if (i == 0) {
          line.append(String.format(Locale.ROOT, "%-" + width[i] + "s", row[i]));
        } else {
          line.append("  ").append(String.format(Locale.ROOT, "%" + width[i] + "s", row[i]));
        }
      }
      out.add(line.toString().stripTrailing());
    }
    return out;
  }

  private static String[] cells(Row r, List<String> types) {
    List<String> c = new ArrayList<>();
    c.add(r.contentType());
    c.add(Integer.toString(r.copies()));
    c.add(Integer.toString(r.train()));
    c.add(Integer.toString(r.val()));
    boolean any = r.copies() > 0;
    c.add(any ? Integer.toString(r.minLength()) : "-");
    c.add(any ? median(r.medianLength()) : "-");
    c.add(any ? Integer.toString(r.maxLength()) : "-");
    c.add(any ? percent(r.passRate()) : "-");
    c.add(Integer.toString(r.preferences()));
    for (String t : types) {
      c.add(Integer.toString(r.rejectedTypes().getOrDefault(t, 0)));
    }
    c.add(r.rejected() > 0 ? percent(r.rejectedPassRate()) : "-");
    return c.toArray(String[]::new);
  }

  private static String median(double m) {
    return m == Math.rint(m) ? Long.toString((long) m) : String.format(Locale.ROOT, "%.1f", m);
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.0f%%", rate * 100);
  }
}

package ai.brandtune.report;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Reads and writes results: JSONL (all fields) and CSV (one column per dimension/violation). */
public final class ResultsFile {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ResultsFile() {}

  public static List<ResultRow> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BrandtuneException("cannot read results " + file + ": " + e.getMessage(), e);
    }
    List<ResultRow> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        ResultRow r = JSON.readValue(line, ResultRow.class);
        if (r.model() == null || r.judge() == null || r.promptId() == null) {
          throw new BrandtuneException(
              file + ":" + (i + 1) + ": a result needs prompt_id, model and judge");
        }
        rows.add(r);
      } catch (JsonProcessingException e) {
        throw new BrandtuneException(
            file + ":" + (i + 1) + ": not a result row: " + e.getOriginalMessage(), e);
      }
    }
    return rows;
  }

  public static List<ResultRow> readAll(List<Path> files) {
    List<ResultRow> rows = new ArrayList<>();
    files.forEach(f -> rows.addAll(read(f)));
    return rows;
  }

  public static String line(ResultRow row) {
    try {
      return JSON.writeValueAsString(row);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void writeJsonl(Path file, List<ResultRow> rows) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (ResultRow r : rows) {
        w.write(line(r));
        w.write('\n');
      }
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * CSV with a header; dimension columns are {@code dim.<name>}, violations {@code viol.<kind>}.
   */
  public static void writeCsv(Path file, List<ResultRow> rows) {
    TreeSet<String> dims = new TreeSet<>();
    TreeSet<String> viols = new TreeSet<>();
    rows.forEach(
        r -> {
          dims.addAll(r.dimensions().keySet());
          viols.addAll(r.violations().keySet());
        });
    List<String> header =
        new ArrayList<>(
            List.of(
                "run",
                "prompt_id",
                "product_id",
                "content_type",
                "group",
                "model",
                "judge",
                "status",
                "score",
                "length",
                "best",
                "position_flip"));
    dims.forEach(d -> header.add("dim." + d));
    viols.forEach(v -> header.add("viol." + v));
    header.addAll(List.of("error", "rationale"));
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", header));
      w.write('\n');
      for (ResultRow r : rows) {
        List<String> cells =
            new ArrayList<>(
                List.of(
                    str(r.run()),
                    str(r.promptId()),
                    str(r.productId()),
                    str(r.contentType()),
                    str(r.group()),
                    str(r.model()),
                    str(r.judge()),
                    str(r.status()),
                    str(r.score()),
                    String.valueOf(r.length()),
                    str(r.best()),
                    str(r.positionFlip())));
        dims.forEach(d -> cells.add(str(r.dimensions().get(d))));
        viols.forEach(v -> cells.add(str(r.violations().get(v))));
        cells.add(str(r.error()));
        cells.add(str(r.rationale()));
        w.write(String.join(",", cells.stream().map(ResultsFile::csv).toList()));
        w.write('\n');
      }
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  static String csv(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}

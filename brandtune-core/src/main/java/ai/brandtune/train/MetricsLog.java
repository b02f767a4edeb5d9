package ai.brandtune.train;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per logged event (training steps carry {@code loss},
 * evaluations {@code eval_loss}), flushed line by line so a crash loses nothing logged. A resumed
 * run first drops the lines past its checkpoint, so the file reads as one uninterrupted run.
 */
public final class MetricsLog implements AutoCloseable {
  public static final String FILE = "metrics.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final BufferedWriter out;

  private MetricsLog(Path file, BufferedWriter out) {
    this.file = file;
    this.out = out;
  }

  /** Opens the log in {@code dir}, keeping only lines with {@code step <= keepThroughStep}. */
  public static MetricsLog open(Path dir, int keepThroughStep) {
    return open(dir, FILE, keepThroughStep);
  }

  /**
   * Opens another step-keyed JSONL log in {@code dir} (GRPO's {@code completions.jsonl}), trimmed
   * on resume like the metrics.
   */
  public static MetricsLog open(Path dir, String fileName, int keepThroughStep) {
    Path file = dir.resolve(fileName);
    try {
      Files.createDirectories(dir);
      List<String> kept = new ArrayList<>();
      if (keepThroughStep > 0 && Files.isRegularFile(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank() && stepOf(line) <= keepThroughStep) {
            kept.add(line);
          }
        }
      }
      Files.write(file, kept, StandardCharsets.UTF_8);
      BufferedWriter out =
          Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      return new MetricsLog(file, out);
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static int stepOf(String line) {
    try {
      JsonNode step = JSON.readTree(line).get("step");
      return step == null ? Integer.MAX_VALUE : step.asInt();
    } catch (IOException e) {
      return Integer.MAX_VALUE; // a torn last line from a crash: dropped
    }
  }

  public void write(Map<String, Object> record) {
    try {
      out.write(JSON.writeValueAsString(record));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** All records in the file, for plots and reports. */
  public static List<JsonNode> read(Path file) {
    try {
      List<JsonNode> records = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          records.add(JSON.readTree(line));
        }
      }
      return records;
    } catch (IOException e) {
      throw new BrandtuneException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new BrandtuneException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }
}

package ai.brandtune.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage produced.
 *
 * @param outputs files or directories, relative to the stage directory, that later stages read and
 *     whose fingerprints the manifest records (a stage is complete only while they are unchanged)
 * @param summary numbers worth keeping (steps, losses, accuracies), written to the manifest
 * @param note one short line printed after the stage's status, e.g. {@code "eval loss 1.23"}
 * @param report the report file, for the stage that writes it; null for the others
 */
public record StageResult(
    List<String> outputs, Map<String, Object> summary, String note, Path report) {
  /** The summary key holding {@link #report}. */
  public static final String REPORT = "report";

  public StageResult {
    outputs = List.copyOf(outputs);
    summary = new LinkedHashMap<>(summary);
    if (report != null) {
      // kept in the manifest, so a run that skips the stage still knows where its report is
      summary.put(REPORT, report.toString());
    }
    note = note == null ? "" : note;
  }

  public StageResult(List<String> outputs, Map<String, Object> summary, String note) {
    this(outputs, summary, note, null);
  }
}

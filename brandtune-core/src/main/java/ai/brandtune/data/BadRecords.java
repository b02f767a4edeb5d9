package ai.brandtune.data;

import ai.brandtune.BrandtuneException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The records a skip-mode read left out: a count per reason and the first few locations with their
 * messages, for the run report. Under {@link BadRecordPolicy#ERROR} the first bad record throws
 * instead. Not thread-safe; one per read.
 */
public final class BadRecords {
  /** How many examples are kept for the report. */
  public static final int EXAMPLES_KEPT = 5;

  private final BadRecordPolicy policy;
  private final Map<BadRecordReason, Integer> counts = new EnumMap<>(BadRecordReason.class);
  private final List<String> firstExamples = new ArrayList<>();

  public BadRecords(BadRecordPolicy policy) {
    this.policy = policy;
  }

  /**
   * Reports a bad record: throws a {@link BrandtuneException} with {@code location: message} under
   * ERROR, counts it under SKIP.
   */
  public void report(BadRecordReason reason, String location, String message) {
    String full = location + ": " + message;
    if (policy == BadRecordPolicy.ERROR) {
      throw new BrandtuneException(full + " (set on_bad_record: skip to skip such records)");
    }
    counts.merge(reason, 1, Integer::sum);
    if (firstExamples.size() < EXAMPLES_KEPT) {
      firstExamples.add(full);
    }
  }

  public BadRecordPolicy policy() {
    return policy;
  }

  /** Skipped records per reason (only reasons that occurred). */
  public Map<BadRecordReason, Integer> counts() {
    return Collections.unmodifiableMap(counts);
  }

  public int count(BadRecordReason reason) {
    return counts.getOrDefault(reason, 0);
  }

  public int total() {
    int total = 0;
    for (int c : counts.values()) {
      total += c;
    }
    return total;
  }

  /** The first {@value #EXAMPLES_KEPT} skipped records as {@code file:line: reason}. */
  public List<String> firstExamples() {
    return Collections.unmodifiableList(firstExamples);
  }

  /** One line per reason plus the first locations, or "no bad records". */
  public String summary() {
    if (counts.isEmpty()) {
      return "no bad records";
    }
    StringBuilder sb = new StringBuilder("skipped " + total() + " bad record(s):");
    counts.forEach((r, c) -> sb.append("\n  ").append(r.description()).append(": ").append(c));
    sb.append("\n  first:");
    for (String e : firstExamples) {
      sb.append("\n    ").append(e);
    }
    return sb.toString();
  }
}

package ai.brandtune.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage did: counts by outcome ({@code written}, {@code failed}, {@code excluded}, ...) in
 * the order they were first counted, notes for the user (e.g. "offline: golden corpus"), and the
 * files it wrote. The CLI prints {@link #format()}.
 */
public record StageSummary(
    String stage, Map<String, Long> counts, List<String> notes, List<Path> outputs) {

  public StageSummary {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    notes = List.copyOf(notes);
    outputs = List.copyOf(outputs);
  }

  public static Builder builder(String stage) {
    return new Builder(stage);
  }

  /** The count of an outcome, 0 when never counted. */
  public long count(String outcome) {
    return counts.getOrDefault(outcome, 0L);
  }

  /** One line of counts, then one line per note and output. */
  public String format() {
    StringBuilder s = new StringBuilder(stage).append(':');
    counts.forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
    for (String n : notes) {
      s.append("\n  ").append(n);
    }
    for (Path p : outputs) {
      s.append("\n  wrote ").append(p);
    }
    return s.toString();
  }

  /** Collects counts while a stage runs. Not thread-safe; count from one thread. */
  public static final class Builder {
    private final String stage;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Path> outputs = new ArrayList<>();

    private Builder(String stage) {
      this.stage = stage;
    }

    public Builder add(String outcome, long n) {
      counts.merge(outcome, n, Long::sum);
      return this;
    }

    public Builder increment(String outcome) {
      return add(outcome, 1);
    }

    /** Makes the outcome appear (with 0) so summaries list the same keys run after run. */
    public Builder declare(String... outcomes) {
      for (String o : outcomes) {
        counts.putIfAbsent(o, 0L);
      }
      return this;
    }

    public Builder note(String note) {
      notes.add(note);
      return this;
    }

    public Builder output(Path file) {
      outputs.add(file);
      return this;
    }

    public StageSummary build() {
      return new StageSummary(stage, counts, notes, outputs);
    }
  }
}

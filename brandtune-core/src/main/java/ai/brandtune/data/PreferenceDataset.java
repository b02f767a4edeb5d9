package ai.brandtune.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Preference records read from JSONL files, with the bad records that were skipped (see {@link
 * PreferenceRecordParser} for the accepted forms: TRL's explicit-prompt preference format, standard
 * or conversational, with one or several rejected completions).
 */
public record PreferenceDataset(List<PreferenceExample> examples, BadRecords badRecords) {

  public PreferenceDataset {
    examples = List.copyOf(examples);
  }

  /**
   * Reads one file. Under {@link BadRecordPolicy#ERROR} the first bad record throws a
   * BrandtuneException naming {@code file:line} and the reason.
   */
  public static PreferenceDataset read(Path file, BadRecordPolicy policy) {
    return read(List.of(file), policy);
  }

  /** Reads several files in order into one dataset; skipped records are counted together. */
  public static PreferenceDataset read(List<Path> files, BadRecordPolicy policy) {
    BadRecords bad = new BadRecords(policy);
    PreferenceRecordParser parser = new PreferenceRecordParser();
    List<PreferenceExample> all = new ArrayList<>();
    for (Path file : files) {
      all.addAll(JsonlReader.read(file, bad, parser));
    }
    return new PreferenceDataset(all, bad);
  }

  public int size() {
    return examples.size();
  }

  /** Rejected completions over all examples (the pairs a pairwise loss sees). */
  public int pairs() {
    int n = 0;
    for (PreferenceExample e : examples) {
      n += e.rejectedCount();
    }
    return n;
  }
}

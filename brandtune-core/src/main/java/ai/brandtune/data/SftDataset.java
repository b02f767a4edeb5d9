package ai.brandtune.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SFT conversations read from JSONL files, with the bad records that were skipped (see {@link
 * SftRecordParser} for the accepted record forms).
 */
public record SftDataset(List<ChatExample> examples, BadRecords badRecords) {

  public SftDataset {
    examples = List.copyOf(examples);
  }

  /**
   * Reads one file. Under {@link BadRecordPolicy#ERROR} the first bad record throws a
   * BrandtuneException naming {@code file:line} and the reason.
   */
  public static SftDataset read(Path file, BadRecordPolicy policy) {
    return read(List.of(file), policy);
  }

  /** Reads several files in order into one dataset; skipped records are counted together. */
  public static SftDataset read(List<Path> files, BadRecordPolicy policy) {
    BadRecords bad = new BadRecords(policy);
    SftRecordParser parser = new SftRecordParser();
    List<ChatExample> all = new ArrayList<>();
    for (Path file : files) {
      all.addAll(JsonlReader.read(file, bad, parser));
    }
    return new SftDataset(all, bad);
  }

  public int size() {
    return examples.size();
  }
}

package ai.brandtune.data;

import ai.brandtune.text.HfTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds {@link SftBatch}es from encoded examples: padded (each example its own row, right-padded
 * to the longest) or packed (several examples per row, positions restarting at each, the first
 * token of each example unlabelled so no loss crosses examples, segment ids for the block-diagonal
 * mask). Padding is identified by length, never by its id, so a pad id equal to EOS is fine.
 */
public final class SftCollator {
  private final long padId;

  public SftCollator(long padId) {
    this.padId = padId;
  }

  /** Pads with the tokenizer's pad token, else its EOS, else id 0 (always masked, so harmless). */
  public static SftCollator forTokenizer(HfTokenizer tokenizer) {
    return new SftCollator(tokenizer.padTokenId().or(tokenizer::eosTokenId).orElse(0L));
  }

  public long padId() {
    return padId;
  }

  /** The batch a plan asks for, from the examples its indices refer to. */
  public SftBatch collate(PlannedBatch planned, List<SftExample> examples) {
    List<List<SftExample>> rows = new ArrayList<>();
    for (int[] row : planned.rows()) {
      List<SftExample> r = new ArrayList<>();
      for (int i : row) {
        r.add(examples.get(i));
      }
      rows.add(r);
    }
    if (planned.packed()) {
      return packed(rows);
    }
    List<SftExample> single = new ArrayList<>();
    for (List<SftExample> r : rows) {
      single.addAll(r);
    }
    return padded(single);
  }

  /** One example per row, right-padded to the longest. */
  public SftBatch padded(List<SftExample> examples) {
    int width = 0;
    for (SftExample e : examples) {
      width = Math.max(width, e.length());
    }
    int b = examples.size();
    long[][] ids = new long[b][width];
    long[][] positions = new long[b][width];
    long[][] labels = new long[b][width];
    boolean[][] attention = new boolean[b][width];
    long labelled = 0;
    for (int r = 0; r < b; r++) {
      SftExample e = examples.get(r);
      int n = e.length();
      Arrays.fill(ids[r], padId);
      Arrays.fill(labels[r], SftExample.IGNORE_INDEX);
      System.arraycopy(e.inputIds(), 0, ids[r], 0, n);
      System.arraycopy(e.labels(), 0, labels[r], 0, n);
      Arrays.fill(attention[r], 0, n, true);
      for (int t = 0; t < width; t++) {
        positions[r][t] = t;
      }
      labelled += e.labelledTokens();
    }
    return new SftBatch(ids, positions, labels, attention, null, b, labelled);
  }

  /**
   * Each inner list becomes one row, its examples back to back, right-padded to the longest row.
   */
  public SftBatch packed(List<List<SftExample>> rows) {
    int width = 0;
    for (List<SftExample> row : rows) {
      int used = 0;
      for (SftExample e : row) {
        used += e.length();
      }
      width = Math.max(width, used);
    }
    int b = rows.size();
    long[][] ids = new long[b][width];
    long[][] positions = new long[b][width];
    long[][] labels = new long[b][width];
    boolean[][] attention = new boolean[b][width];
    int[][] segments = new int[b][width];
    int ordinal = 0;
    long labelled = 0;
    for (int r = 0; r < b; r++) {
      Arrays.fill(ids[r], padId);
      Arrays.fill(labels[r], SftExample.IGNORE_INDEX);
      Arrays.fill(segments[r], -1);
      int at = 0;
      for (SftExample e : rows.get(r)) {
        int n = e.length();
        System.arraycopy(e.inputIds(), 0, ids[r], at, n);
        // position 0 of each example stays ignored: its logit belongs to the previous example
        System.arraycopy(e.labels(), 1, labels[r], at + 1, n - 1);
        for (int t = 0; t < n; t++) {
          positions[r][at + t] = t;
          attention[r][at + t] = true;
          segments[r][at + t] = ordinal;
        }
        labelled += e.labelledTokens();
        ordinal++;
        at += n;
      }
      for (int t = at; t < width; t++) {
        positions[r][t] = t - at;
      }
    }
    return new SftBatch(ids, positions, labels, attention, segments, ordinal, labelled);
  }
}

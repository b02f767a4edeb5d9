package ai.brandtune.data;

import ai.brandtune.text.HfTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Puts the chosen and rejected completions of several examples into one right-padded {@link
 * PreferenceBatch}, so a reward model or DPO scores them all in one forward pass: rows {@code [0,
 * pairs)} hold the chosen completions of examples {@code 0..pairs-1}, the rows after them every
 * rejected completion, example by example. Padding is identified by length, never by its id.
 */
public final class PreferenceCollator {
  private final long padId;

  public PreferenceCollator(long padId) {
    this.padId = padId;
  }

  /** Pads with the tokenizer's pad token, else its EOS, else id 0 (always masked, so harmless). */
  public static PreferenceCollator forTokenizer(HfTokenizer tokenizer) {
    return new PreferenceCollator(SftCollator.forTokenizer(tokenizer).padId());
  }

  public long padId() {
    return padId;
  }

  public PreferenceBatch collate(List<EncodedPreference> examples) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("cannot collate an empty list of preference examples");
    }
    int pairs = examples.size();
    List<long[]> rows = new ArrayList<>();
    List<Integer> promptLengths = new ArrayList<>();
    List<Integer> maskLengths = new ArrayList<>();
    List<Integer> rowExample = new ArrayList<>();
    List<Integer> rowRejected = new ArrayList<>();
    for (int e = 0; e < pairs; e++) {
      EncodedPreference p = examples.get(e);
      rows.add(p.chosenRow());
      promptLengths.add(p.promptIds().length);
      maskLengths.add(p.chosenMaskLength());
      rowExample.add(e);
      rowRejected.add(-1);
    }
    for (int e = 0; e < pairs; e++) {
      EncodedPreference p = examples.get(e);
      for (int i = 0; i < p.rejectedCount(); i++) {
        rows.add(p.rejectedRow(i));
        promptLengths.add(p.promptIds().length);
        maskLengths.add(p.rejectedMaskLengths()[i]);
        rowExample.add(e);
        rowRejected.add(i);
      }
    }

    int b = rows.size();
    int width = 0;
    for (long[] row : rows) {
      width = Math.max(width, row.length);
    }
    long[][] ids = new long[b][width];
    long[][] positions = new long[b][width];
    boolean[][] attention = new boolean[b][width];
    boolean[][] completion = new boolean[b][width];
    int[] lastIndex = new int[b];
    long tokens = 0;
    for (int r = 0; r < b; r++) {
      long[] row = rows.get(r);
      int n = row.length;
      Arrays.fill(ids[r], padId);
      System.arraycopy(row, 0, ids[r], 0, n);
      Arrays.fill(attention[r], 0, n, true);
      int from = promptLengths.get(r);
      Arrays.fill(completion[r], from, from + maskLengths.get(r), true);
      for (int t = 0; t < width; t++) {
        positions[r][t] = t;
      }
      lastIndex[r] = n - 1;
      tokens += n;
    }
    double[] margins = new double[pairs];
    List<List<String>> types = new ArrayList<>();
    for (int e = 0; e < pairs; e++) {
      margins[e] = examples.get(e).margin();
      types.add(examples.get(e).rejectedTypes());
    }
    return new PreferenceBatch(
        ids,
        positions,
        attention,
        completion,
        lastIndex,
        pairs,
        rowExample.stream().mapToInt(Integer::intValue).toArray(),
        rowRejected.stream().mapToInt(Integer::intValue).toArray(),
        margins,
        types,
        tokens);
  }
}

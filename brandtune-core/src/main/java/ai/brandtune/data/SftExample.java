package ai.brandtune.data;

import java.util.Arrays;

/**
 * One tokenized SFT example: input ids and labels aligned with them ({@link #IGNORE_INDEX} where no
 * loss is taken). The loss shifts: the label at position t is the target predicted from position t
 * - 1, so the label at position 0 never counts.
 *
 * @param location {@code file:line} of the source record
 */
public record SftExample(long[] inputIds, long[] labels, String location) {

  /** The label of tokens without loss, as in PyTorch's cross-entropy default. */
  public static final long IGNORE_INDEX = -100;

  public SftExample {
    if (inputIds.length != labels.length) {
      throw new IllegalArgumentException(
          "inputIds and labels differ in length: " + inputIds.length + " != " + labels.length);
    }
  }

  public int length() {
    return inputIds.length;
  }

  /** Tokens that are loss targets: labelled positions after the first. */
  public int labelledTokens() {
    int n = 0;
    for (int t = 1; t < labels.length; t++) {
      if (labels[t] != IGNORE_INDEX) {
        n++;
      }
    }
    return n;
  }

  /** The first {@code length} tokens. */
  SftExample truncated(int length) {
    return new SftExample(Arrays.copyOf(inputIds, length), Arrays.copyOf(labels, length), location);
  }
}

package ai.brandtune.data;

import java.util.Arrays;
import java.util.List;

/**
 * One tokenized preference example: the prompt's tokens, shared by all its completions, and each
 * completion's tokens after them, so that {@code promptIds + chosenIds} is the tokenization of the
 * chat-template render of prompt plus chosen answer (and the same for each rejected answer).
 *
 * <p>A completion's tokens start with the assistant turn's text and run through the end-of-turn
 * token the template writes after it ({@code <|im_end|>}, {@code <|eot_id|>}, ...); whatever the
 * template writes after that token (ChatML's newline) follows, outside the completion mask, so a
 * reward head reads the last token of the full render as transformers-trained reward models do.
 * Only the first {@code chosenMaskLength} / {@code rejectedMaskLengths[i]} tokens of a completion
 * are completion-mask tokens (the tokens whose log-probs DPO sums).
 *
 * @param promptIds prompt tokens (left-truncated to {@code max_prompt_length})
 * @param chosenIds chosen completion tokens (truncated so prompt plus completion fit {@code
 *     max_length})
 * @param rejectedIds each rejected completion's tokens, in record order
 * @param rejectedTypes the kind of each rejected completion, {@code ""} when unknown
 * @param margin the record's margin, 0 when absent
 * @param chosenChars the chosen answer's length in characters (code points), before truncation, for
 *     the reward-length correlation
 * @param rejectedChars each rejected answer's length in characters
 * @param location {@code file:line} of the source record
 * @param chosenMaskLength leading tokens of {@code chosenIds} in the completion mask
 * @param rejectedMaskLengths leading tokens of each {@code rejectedIds[i]} in the completion mask
 */
public record EncodedPreference(
    long[] promptIds,
    long[] chosenIds,
    List<long[]> rejectedIds,
    List<String> rejectedTypes,
    double margin,
    int chosenChars,
    int[] rejectedChars,
    String location,
    int chosenMaskLength,
    int[] rejectedMaskLengths) {

  public EncodedPreference {
    rejectedIds = List.copyOf(rejectedIds);
    rejectedTypes = List.copyOf(rejectedTypes);
    int n = rejectedIds.size();
    if (n == 0 || rejectedTypes.size() != n || rejectedChars.length != n) {
      throw new IllegalArgumentException(
          "rejected ids, types and chars differ in size or are empty: "
              + n
              + ", "
              + rejectedTypes.size()
              + ", "
              + rejectedChars.length);
    }
    if (rejectedMaskLengths.length != n) {
      throw new IllegalArgumentException(
          rejectedMaskLengths.length + " rejected mask lengths for " + n + " rejected");
    }
    checkMask(chosenMaskLength, chosenIds.length, "chosen");
    for (int i = 0; i < n; i++) {
      checkMask(rejectedMaskLengths[i], rejectedIds.get(i).length, "rejected[" + i + "]");
    }
  }

  /** Every completion token in the completion mask (no template text after the end of turn). */
  public EncodedPreference(
      long[] promptIds,
      long[] chosenIds,
      List<long[]> rejectedIds,
      List<String> rejectedTypes,
      double margin,
      int chosenChars,
      int[] rejectedChars,
      String location) {
    this(
        promptIds,
        chosenIds,
        rejectedIds,
        rejectedTypes,
        margin,
        chosenChars,
        rejectedChars,
        location,
        chosenIds.length,
        rejectedIds.stream().mapToInt(r -> r.length).toArray());
  }

  private static void checkMask(int mask, int length, String what) {
    if (mask < 0 || mask > length) {
      throw new IllegalArgumentException(
          what + " mask length " + mask + " outside 0.." + length + " tokens");
    }
  }

  public int rejectedCount() {
    return rejectedIds.size();
  }

  /** Rows this example adds to a batch: its chosen plus every rejected completion. */
  public int rows() {
    return 1 + rejectedIds.size();
  }

  /** Prompt plus chosen tokens. */
  public int chosenLength() {
    return promptIds.length + chosenIds.length;
  }

  /** Prompt plus the longest completion: the width this example needs in a padded batch. */
  public int longestRow() {
    int longest = chosenIds.length;
    for (long[] r : rejectedIds) {
      longest = Math.max(longest, r.length);
    }
    return promptIds.length + longest;
  }

  /** Prompt plus completion tokens over all rows. */
  public long tokens() {
    long n = (long) promptIds.length * rows() + chosenIds.length;
    for (long[] r : rejectedIds) {
      n += r.length;
    }
    return n;
  }

  /** The full token row of the chosen completion. */
  public long[] chosenRow() {
    return concat(promptIds, chosenIds);
  }

  /** The full token row of rejected completion {@code i}. */
  public long[] rejectedRow(int i) {
    return concat(promptIds, rejectedIds.get(i));
  }

  private static long[] concat(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

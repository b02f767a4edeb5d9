package ai.brandtune.data;

import ai.brandtune.tensor.Tensors;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Chosen and rejected completions in one right-padded batch (one forward pass), all arrays (B, T):
 * rows {@code [0, pairs)} are the chosen completions of examples {@code 0..pairs-1}, then every
 * rejected completion, example by example ({@link #rowExample} and {@link #rowRejected} say which).
 *
 * @param inputIds prompt + completion per row, padding filled with the pad id
 * @param positionIds 0.. per row
 * @param attention true for real tokens, false for padding
 * @param completionMask true on the completion's tokens including its end-of-turn token, aligned
 *     with {@code inputIds}: the tokens whose log-probs DPO sums (predicted from the position
 *     before); false on prompt, template text after the end of turn, and padding
 * @param lastIndex index of the last real token of each row, which a reward head reads
 * @param pairs examples in the batch
 * @param rowExample the example ordinal of each row
 * @param rowRejected -1 for a chosen row, else the index into that example's rejected list
 * @param margins each example's margin
 * @param rejectedTypes each example's rejected types
 * @param tokens real tokens in the batch
 */
public record PreferenceBatch(
    long[][] inputIds,
    long[][] positionIds,
    boolean[][] attention,
    boolean[][] completionMask,
    int[] lastIndex,
    int pairs,
    int[] rowExample,
    int[] rowRejected,
    double[] margins,
    List<List<String>> rejectedTypes,
    long tokens) {

  public int rows() {
    return inputIds.length;
  }

  public int length() {
    return inputIds.length == 0 ? 0 : inputIds[0].length;
  }

  /** The row of example {@code example}'s chosen completion. */
  public int chosenRow(int example) {
    return example;
  }

  /** Rejected completions in the batch: {@code rows() - pairs}. */
  public int rejectedRows() {
    return rows() - pairs;
  }

  /** Completion-mask tokens in the batch. */
  public long completionTokens() {
    long n = 0;
    for (boolean[] row : completionMask) {
      for (boolean m : row) {
        n += m ? 1 : 0;
      }
    }
    return n;
  }

  /** The batch as tensors on {@code device}; the key-padding mask is null when no row is padded. */
  public PreferenceTensors toTensors(Device device) {
    Tensor ids = Tensors.longs(inputIds, device);
    Tensor positions = Tensors.longs(positionIds, device);
    boolean padded = false;
    for (int last : lastIndex) {
      padded |= last != length() - 1;
    }
    Tensor keyPadding = padded ? bools(attention, device) : null;
    Tensor completion = bools(completionMask, device);
    long[] last = new long[lastIndex.length];
    for (int r = 0; r < last.length; r++) {
      last[r] = lastIndex[r];
    }
    return new PreferenceTensors(
        ids, positions, keyPadding, completion, Tensors.longs(last, device));
  }

  private static Tensor bools(boolean[][] values, Device device) {
    long[][] longs = new long[values.length][];
    for (int r = 0; r < values.length; r++) {
      longs[r] = new long[values[r].length];
      for (int t = 0; t < longs[r].length; t++) {
        longs[r][t] = values[r][t] ? 1 : 0;
      }
    }
    return Tensors.longs(longs, device).to(ScalarType.Bool);
  }
}

package ai.brandtune.data;

import ai.brandtune.model.AttentionMasks;
import ai.brandtune.tensor.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A collated SFT batch as Java arrays, all (B, T).
 *
 * @param inputIds token ids, padding filled with the pad id
 * @param positionIds 0.. per row, restarting at every packed example
 * @param labels targets aligned with {@code inputIds} ({@link SftExample#IGNORE_INDEX} where no
 *     loss is taken: prompts, padding, and the first token of each packed example); the loss shifts
 * @param attention true for real tokens, false for padding
 * @param segmentIds for packed batches, the batch-wide ordinal of the example each token belongs to
 *     (-1 for padding), which defines the block-diagonal attention mask; null for padded batches,
 *     where row r holds example r
 * @param exampleCount examples in the batch
 * @param labelledTokens loss targets in the batch (labels after position 0 of each row that are not
 *     ignored): the trainer's normaliser
 */
public record SftBatch(
    long[][] inputIds,
    long[][] positionIds,
    long[][] labels,
    boolean[][] attention,
    int[][] segmentIds,
    int exampleCount,
    long labelledTokens) {

  public int rows() {
    return inputIds.length;
  }

  public int length() {
    return inputIds.length == 0 ? 0 : inputIds[0].length;
  }

  public boolean isPacked() {
    return segmentIds != null;
  }

  /** The example ordinal of token t in row r, or -1 for padding. */
  public int exampleAt(int row, int t) {
    if (segmentIds != null) {
      return segmentIds[row][t];
    }
    return attention[row][t] ? row : -1;
  }

  /**
   * The batch as tensors on {@code device}: packed batches get a block-diagonal causal mask and no
   * key-padding mask; padded batches a key-padding mask only when something is padded.
   */
  public SftTensors toTensors(Device device) {
    Tensor ids = Tensors.longs(inputIds, device);
    Tensor positions = Tensors.longs(positionIds, device);
    Tensor targets = Tensors.longs(labels, device);
    if (segmentIds != null) {
      long[][] segments = new long[segmentIds.length][];
      for (int r = 0; r < segments.length; r++) {
        segments[r] = new long[segmentIds[r].length];
        for (int t = 0; t < segments[r].length; t++) {
          segments[r][t] = segmentIds[r][t];
        }
      }
      Tensor mask = AttentionMasks.blockCausal(Tensors.longs(segments, device));
      return new SftTensors(ids, positions, targets, null, mask);
    }
    boolean padded = false;
    long[][] keep = new long[attention.length][];
    for (int r = 0; r < attention.length; r++) {
      keep[r] = new long[attention[r].length];
      for (int t = 0; t < keep[r].length; t++) {
        keep[r][t] = attention[r][t] ? 1 : 0;
        padded |= !attention[r][t];
      }
    }
    Tensor keyPadding = padded ? Tensors.longs(keep, device).to(ScalarType.Bool) : null;
    return new SftTensors(ids, positions, targets, keyPadding, null);
  }
}

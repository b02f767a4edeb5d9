package ai.brandtune.data;

/**
 * One batch of a {@link BatchPlan}: rows of example indices. A padded batch has one example per
 * row; a packed batch may hold several per row, packed in order.
 */
public record PlannedBatch(int[][] rows, boolean packed) {

  /** Examples in the batch, over all rows. */
  public int exampleCount() {
    int n = 0;
    for (int[] row : rows) {
      n += row.length;
    }
    return n;
  }
}

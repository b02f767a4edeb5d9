package ai.brandtune.train.reward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which rows of a batch's rewards belong together: for each example, the row of its chosen
 * completion, the rows of its rejected ones, and its margin. Chosen and rejected completions share
 * one forward pass, so a batch's rewards are one vector and this says how to read it.
 *
 * @param chosenRow per example, the row of its chosen completion
 * @param rejectedRows per example, the rows of its rejected completions (at least one)
 * @param margins per example, the margin its chosen completion must win by (0 for none)
 */
public record RewardGroups(int[] chosenRow, int[][] rejectedRows, double[] margins) {

  public RewardGroups {
    if (chosenRow.length != rejectedRows.length || chosenRow.length != margins.length) {
      throw new IllegalArgumentException(
          "chosenRow, rejectedRows and margins need one entry per example");
    }
    for (int e = 0; e < rejectedRows.length; e++) {
      if (rejectedRows[e].length == 0) {
        throw new IllegalArgumentException("example " + e + " has no rejected completion");
      }
    }
  }

  /**
   * Groups a batch laid out by row: {@code rowExample[r]} is row r's example, {@code
   * rowRejected[r]} is -1 for the chosen row or the index into that example's rejected list.
   */
  public static RewardGroups of(
      int examples, int[] rowExample, int[] rowRejected, double[] margins) {
    int[] chosen = new int[examples];
    Arrays.fill(chosen, -1);
    List<List<int[]>> rejected = new ArrayList<>();
    for (int e = 0; e < examples; e++) {
      rejected.add(new ArrayList<>());
    }
    for (int r = 0; r < rowExample.length; r++) {
      int e = rowExample[r];
      if (rowRejected[r] < 0) {
        chosen[e] = r;
      } else {
        rejected.get(e).add(new int[] {rowRejected[r], r});
      }
    }
    int[][] rows = new int[examples][];
    for (int e = 0; e < examples; e++) {
      if (chosen[e] < 0) {
        throw new IllegalArgumentException("example " + e + " has no chosen row");
      }
      rows[e] =
          rejected.get(e).stream()
              .sorted((a, b) -> Integer.compare(a[0], b[0]))
              .mapToInt(a -> a[1])
              .toArray();
    }
    return new RewardGroups(chosen, rows, margins.clone());
  }

  public int examples() {
    return chosenRow.length;
  }

  /** (chosen, rejected) pairs over all examples. */
  public int pairs() {
    int n = 0;
    for (int[] r : rejectedRows) {
      n += r.length;
    }
    return n;
  }

  /** The most rejected completions any example has. */
  public int maxRejected() {
    int k = 0;
    for (int[] r : rejectedRows) {
      k = Math.max(k, r.length);
    }
    return k;
  }
}

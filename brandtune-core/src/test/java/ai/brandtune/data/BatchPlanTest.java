package ai.brandtune.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
  private static int[] randomLengths(int n, long seed) {
    Random r = new Random(seed);
    int[] lengths = new int[n];
    for (int i = 0; i < n; i++) {
      lengths[i] = 2 + r.nextInt(60);
    }
    return lengths;
  }

  private static List<int[][]> rows(List<PlannedBatch> batches) {
    List<int[][]> out = new ArrayList<>();
    for (PlannedBatch b : batches) {
      out.add(b.rows());
    }
    return out;
  }

  private static List<Integer> flatten(List<PlannedBatch> batches) {
    List<Integer> out = new ArrayList<>();
    for (PlannedBatch b : batches) {
      for (int[] row : b.rows()) {
        for (int i : row) {
          out.add(i);
        }
      }
    }
    return out;
  }

  @Test
  void sameSeedSameOrderOtherEpochsAndSeedsDiffer() {
    int[] lengths = randomLengths(103, 1);
    BatchPlan plan = BatchPlan.padded(lengths, 8, false, 42);
    List<PlannedBatch> e0 = plan.epoch(0);
    assertThat(e0).hasSize(13); // 12 full batches and one of 7
    assertThat(e0.get(12).rows()).hasNumberOfRows(7);
    assertThat(rows(BatchPlan.padded(lengths, 8, false, 42).epoch(0)))
        .usingRecursiveComparison()
        .isEqualTo(rows(e0));
    assertThat(flatten(plan.epoch(1))).isNotEqualTo(flatten(e0));
    assertThat(flatten(BatchPlan.padded(lengths, 8, false, 43).epoch(0))).isNotEqualTo(flatten(e0));
    // every epoch is a permutation: each example exactly once
    for (int epoch = 0; epoch < 3; epoch++) {
      assertThat(flatten(plan.epoch(epoch))).hasSize(103).doesNotHaveDuplicates();
    }
    assertThat(plan.batchCount(0)).isEqualTo(13);
  }

  @Test
  void resumingAtABatchContinuesTheSameOrder() {
    BatchPlan plan = BatchPlan.padded(randomLengths(50, 2), 4, true, 7);
    List<PlannedBatch> full = plan.epoch(3);
    List<PlannedBatch> rest = plan.remaining(3, 5);
    assertThat(rows(rest)).usingRecursiveComparison().isEqualTo(rows(full.subList(5, full.size())));
    assertThat(plan.remaining(3, full.size())).isEmpty();
    assertThatThrownBy(() -> plan.remaining(3, full.size() + 1))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("epoch 3");
  }

  @Test
  void lengthGroupingSortsEachMegabatchLongestFirst() {
    int batch = 2;
    int[] lengths = randomLengths(250, 3); // 2 full megabatches of 100 and one of 50
    BatchPlan grouped = BatchPlan.padded(lengths, batch, true, 11);
    List<Integer> order = flatten(grouped.epoch(0));
    assertThat(order).hasSize(250).doesNotHaveDuplicates();
    int mega = BatchPlan.MEGABATCH_MULTIPLIER * batch;
    for (int from = 0; from < order.size(); from += mega) {
      List<Integer> chunk = order.subList(from, Math.min(order.size(), from + mega));
      int[] chunkLengths = chunk.stream().mapToInt(i -> lengths[i]).toArray();
      int[] sorted = chunkLengths.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < sorted.length; i++) {
        assertThat(chunkLengths[i]).isEqualTo(sorted[sorted.length - 1 - i]);
      }
    }
    // the megabatches hold the same examples as the plain shuffle's
    List<Integer> plain = flatten(BatchPlan.padded(lengths, batch, false, 11).epoch(0));
    assertThat(order.subList(0, mega)).containsExactlyInAnyOrderElementsOf(plain.subList(0, mega));
  }

  @Test
  void packingFillsRowsWithoutOverflowAndUsesEveryExampleOnce() {
    int[] lengths = randomLengths(200, 4);
    BatchPlan plan = BatchPlan.packed(lengths, 3, 128, 5);
    List<PlannedBatch> batches = plan.epoch(0);
    int rowsUsed = 0;
    long tokens = 0;
    for (PlannedBatch b : batches) {
      assertThat(b.packed()).isTrue();
      assertThat(b.rows().length).isBetween(1, 3);
      for (int[] row : b.rows()) {
        int used = Arrays.stream(row).map(i -> lengths[i]).sum();
        assertThat(used).isLessThanOrEqualTo(128);
        tokens += used;
        rowsUsed++;
      }
    }
    assertThat(flatten(batches)).hasSize(200).doesNotHaveDuplicates();
    assertThat(tokens).isEqualTo(Arrays.stream(lengths).sum());
    // best fit wastes little: under 10% of the rows' capacity beyond the minimum
    assertThat(rowsUsed).isLessThanOrEqualTo((int) Math.ceil(tokens / 128.0 * 1.1));
    assertThat(rows(plan.epoch(0))).usingRecursiveComparison().isEqualTo(rows(batches));
    assertThat(flatten(plan.epoch(1))).isNotEqualTo(flatten(batches));
    // packed once: later epochs reorder the same rows, so every epoch has as many batches
    assertThat(plan.epoch(3)).hasSize(batches.size());
    assertThat(plan.batchCount(7)).isEqualTo(batches.size());
    assertThat(flatten(plan.epoch(3))).containsExactlyInAnyOrderElementsOf(flatten(batches));
    assertThatThrownBy(() -> BatchPlan.packed(new int[] {10, 200}, 2, 128, 0))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("example 1 has 200 tokens");
  }
}

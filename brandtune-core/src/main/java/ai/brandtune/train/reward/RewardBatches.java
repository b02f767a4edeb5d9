package ai.brandtune.train.reward;

import ai.brandtune.data.BatchPlan;
import ai.brandtune.data.EncodedPreference;
import ai.brandtune.data.PlannedBatch;
import ai.brandtune.data.PreferenceCollator;
import ai.brandtune.train.DataSource;
import java.util.ArrayList;
import java.util.List;

/** Training batches of an epoch, from the seeded plan, collated on demand. */
final class RewardBatches implements DataSource<RewardBatch> {
  private final BatchPlan plan;
  private final List<EncodedPreference> examples;
  private final PreferenceCollator collator;
  private final int batchesPerEpoch;
  private int cachedEpoch = -1;
  private List<PlannedBatch> cached;

  RewardBatches(BatchPlan plan, List<EncodedPreference> examples, PreferenceCollator collator) {
    this.plan = plan;
    this.examples = examples;
    this.collator = collator;
    this.batchesPerEpoch = plan.batchCount(0);
  }

  /** The plan for {@code examples}: batches of similar width when {@code groupByLength}. */
  static BatchPlan plan(
      List<EncodedPreference> examples, int batchSize, boolean groupByLength, long seed) {
    int[] widths = examples.stream().mapToInt(EncodedPreference::longestRow).toArray();
    return BatchPlan.padded(widths, batchSize, groupByLength, seed);
  }

  /** Evaluation batches in input order. */
  static List<RewardBatch> inOrder(
      List<EncodedPreference> examples, PreferenceCollator collator, int batchSize) {
    List<RewardBatch> batches = new ArrayList<>();
    for (int i = 0; i < examples.size(); i += batchSize) {
      List<EncodedPreference> part = examples.subList(i, Math.min(examples.size(), i + batchSize));
      batches.add(new RewardBatch(collator.collate(part), part));
    }
    return batches;
  }

  @Override
  public int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  @Override
  public RewardBatch batch(int epoch, int index) {
    if (epoch != cachedEpoch) {
      cached = plan.epoch(epoch);
      cachedEpoch = epoch;
    }
    int[][] rows = cached.get(index % cached.size()).rows();
    List<EncodedPreference> part = new ArrayList<>();
    for (int[] row : rows) {
      for (int example : row) {
        part.add(examples.get(example));
      }
    }
    return new RewardBatch(collator.collate(part), part);
  }
}

package ai.brandtune.train.dpo;

import ai.brandtune.data.BatchPlan;
import ai.brandtune.data.EncodedPreference;
import ai.brandtune.data.PlannedBatch;
import ai.brandtune.data.PreferenceBatch;
import ai.brandtune.data.PreferenceCollator;
import ai.brandtune.train.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Training batches of preference examples in the seeded order of a {@link BatchPlan}, collated on
 * demand, with their precomputed reference log-probs when there are any.
 */
final class DpoBatches implements DataSource<DpoBatch> {
  private final BatchPlan plan;
  private final List<EncodedPreference> examples;
  private final PreferenceCollator collator;
  private final PrecomputedReference reference;
  private final int batchesPerEpoch;
  private int cachedEpoch = -1;
  private List<PlannedBatch> cached;

  /**
   * @param reference precomputed reference log-probs of {@code examples}, or null
   */
  DpoBatches(
      BatchPlan plan,
      List<EncodedPreference> examples,
      PreferenceCollator collator,
      PrecomputedReference reference) {
    this.plan = plan;
    this.examples = examples;
    this.collator = collator;
    this.reference = reference;
    this.batchesPerEpoch = plan.batchCount(0);
  }

  /** A padded plan of {@code batchSize} examples per batch over {@code examples}. */
  static BatchPlan plan(
      List<EncodedPreference> examples, int batchSize, boolean groupByLength, long seed) {
    int[] lengths = examples.stream().mapToInt(EncodedPreference::longestRow).toArray();
    return BatchPlan.padded(lengths, batchSize, groupByLength, seed);
  }

  @Override
  public int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  @Override
  public DpoBatch batch(int epoch, int index) {
    if (epoch != cachedEpoch) {
      cached = plan.epoch(epoch);
      cachedEpoch = epoch;
    }
    PlannedBatch planned = cached.get(index % cached.size());
    int[] ids = new int[planned.exampleCount()];
    int k = 0;
    for (int[] row : planned.rows()) {
      for (int id : row) {
        ids[k++] = id;
      }
    }
    return collate(ids, examples, collator, reference);
  }

  /** {@code examples} in order, {@code batchSize} per batch: evaluation batches. */
  static List<DpoBatch> consecutive(
      List<EncodedPreference> examples,
      PreferenceCollator collator,
      int batchSize,
      PrecomputedReference reference) {
    List<DpoBatch> batches = new ArrayList<>();
    for (int start = 0; start < examples.size(); start += batchSize) {
      int[] ids = new int[Math.min(batchSize, examples.size() - start)];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = start + i;
      }
      batches.add(collate(ids, examples, collator, reference));
    }
    return batches;
  }

  private static DpoBatch collate(
      int[] ids,
      List<EncodedPreference> examples,
      PreferenceCollator collator,
      PrecomputedReference reference) {
    List<EncodedPreference> selected = new ArrayList<>(ids.length);
    for (int id : ids) {
      selected.add(examples.get(id));
    }
    PreferenceBatch rows = collator.collate(selected);
    return new DpoBatch(rows, reference == null ? null : reference.rows(rows, ids));
  }
}

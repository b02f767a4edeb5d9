package ai.brandtune.train.sft;

import ai.brandtune.data.BatchPlan;
import ai.brandtune.data.PlannedBatch;
import ai.brandtune.data.SftBatch;
import ai.brandtune.data.SftCollator;
import ai.brandtune.data.SftExample;
import ai.brandtune.train.DataSource;
import java.util.List;

/** Training batches of an epoch, from the seeded plan, collated on demand. */
final class SftBatches implements DataSource<SftBatch> {
  private final BatchPlan plan;
  private final List<SftExample> examples;
  private final SftCollator collator;
  private final int batchesPerEpoch;
  private int cachedEpoch = -1;
  private List<PlannedBatch> cached;

  SftBatches(BatchPlan plan, List<SftExample> examples, SftCollator collator) {
    this.plan = plan;
    this.examples = examples;
    this.collator = collator;
    this.batchesPerEpoch = plan.batchCount(0);
  }

  @Override
  public int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  @Override
  public SftBatch batch(int epoch, int index) {
    if (epoch != cachedEpoch) {
      cached = plan.epoch(epoch);
      cachedEpoch = epoch;
    }
    return collator.collate(cached.get(index), examples);
  }
}

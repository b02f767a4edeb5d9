package ai.brandtune.train.sft;

import ai.brandtune.data.SftBatch;
import ai.brandtune.model.CausalLm;
import ai.brandtune.train.TrainingObjective;
import org.bytedeco.pytorch.Tensor;

/** Next-token cross-entropy summed over the labelled tokens; the loop averages per token. */
final class SftObjective implements TrainingObjective<SftBatch> {
  private final CausalLm model;

  SftObjective(CausalLm model) {
    this.model = model;
  }

  @Override
  public long units(SftBatch batch) {
    return batch.labelledTokens();
  }

  @Override
  public long tokens(SftBatch batch) {
    long n = 0;
    for (boolean[] row : batch.attention()) {
      for (boolean real : row) {
        n += real ? 1 : 0;
      }
    }
    return n;
  }

  @Override
  public Tensor summedLoss(SftBatch batch) {
    return SftLoss.sum(model, batch).loss();
  }
}

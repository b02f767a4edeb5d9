package ai.brandtune.train.reward;

import ai.brandtune.data.EncodedPreference;
import ai.brandtune.data.PreferenceBatch;
import java.util.List;

/**
 * A reward-model micro-batch: the collated rows of one forward pass and the examples they came from
 * (whose copy lengths the evaluation correlates with the rewards).
 *
 * @param rows chosen rows first, then every rejected row, as {@link PreferenceBatch} lays them out
 * @param examples the batch's examples, in the order of its chosen rows
 */
public record RewardBatch(PreferenceBatch rows, List<EncodedPreference> examples) {
  public RewardBatch {
    examples = List.copyOf(examples);
    if (rows.pairs() != examples.size()) {
      throw new IllegalArgumentException(
          rows.pairs() + " chosen rows for " + examples.size() + " examples");
    }
  }

  /** How the rows group into examples, for {@link RewardLoss}. */
  public RewardGroups groups() {
    return RewardGroups.of(rows.pairs(), rows.rowExample(), rows.rowRejected(), rows.margins());
  }
}

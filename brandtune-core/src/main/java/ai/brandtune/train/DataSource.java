package ai.brandtune.train;

/**
 * Training batches in a deterministic order: batch {@code index} of {@code epoch} is the same on
 * every run with the same seed, which is what lets a resumed run continue exactly.
 *
 * @param <B> the algorithm's batch type
 */
public interface DataSource<B> {
  /** Micro-batches in one epoch. */
  int batchesPerEpoch();

  /** Micro-batch {@code index} (0-based) of {@code epoch} (0-based). */
  B batch(int epoch, int index);
}

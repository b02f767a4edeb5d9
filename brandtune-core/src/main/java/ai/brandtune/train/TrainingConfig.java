package ai.brandtune.train;

/**
 * An algorithm's config as the shared code sees it: its own keys plus the shared loop's, so helpers
 * and the CLI can reach {@code output_dir}, the seed or the device without knowing which algorithm
 * runs.
 */
public interface TrainingConfig {
  /** The shared loop's keys, defaults resolved. */
  LoopConfig loop();
}

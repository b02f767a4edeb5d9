package ai.brandtune.train;

import java.util.Map;

/**
 * What a checkpoint records besides weights and optimizer moments, written as {@code
 * trainer_state.json}: the step reached (which also fixes the data position, the schedule and the
 * per-step RNG seeds), the seed, and the size of every file, so that a truncated or incomplete
 * checkpoint is recognised before anything is loaded from it.
 *
 * @param globalStep optimizer steps completed
 * @param epoch fractional epochs completed
 * @param seed the run's seed; a resumed run must use the same one
 * @param totalSteps the planned number of steps when the checkpoint was written
 * @param elapsedSeconds training time so far, so a resumed run's metrics continue the clock
 * @param files checkpoint file names (relative) and their sizes in bytes
 */
public record TrainerState(
    int globalStep,
    double epoch,
    long seed,
    int totalSteps,
    double elapsedSeconds,
    Map<String, Long> files) {
  public static final String FILE = "trainer_state.json";
}

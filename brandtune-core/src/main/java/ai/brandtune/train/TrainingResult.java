package ai.brandtune.train;

import java.nio.file.Path;
import java.util.List;

/**
 * How a call to {@link Trainer#train} ended.
 *
 * @param startStep the step this call started from (0, or the resumed checkpoint's)
 * @param globalStep the step reached
 * @param totalSteps the planned number of steps
 * @param stepLosses the loss of every step this call ran, in order
 * @param evalLoss the last evaluation loss, or NaN without an eval set
 * @param stopped true when a stop request ended the run early (a checkpoint was saved)
 * @param lastCheckpoint the newest checkpoint written, or null
 */
public record TrainingResult(
    int startStep,
    int globalStep,
    int totalSteps,
    List<Double> stepLosses,
    double evalLoss,
    boolean stopped,
    Path lastCheckpoint) {}

package ai.brandtune.pipeline;

/**
 * Thrown by a stage that honoured a stop request (Ctrl-C) after saving a checkpoint: the runner
 * leaves the stage's manifest {@code running}, so the next run resumes it, and stops the pipeline.
 */
public final class StageStopped extends RuntimeException {
  public StageStopped(String message) {
    super(message);
  }
}

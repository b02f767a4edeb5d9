package ai.brandtune.pipeline;

import java.nio.file.Path;

/**
 * What every stage of one pipeline run sees: the project, the run directory and whether {@code
 * --quick} shrinks the training steps.
 *
 * @param project the parsed {@code project.yaml} (or the built-in default)
 * @param runDir {@code runs/<name>}
 * @param quick whether to train with few steps (smoke runs, CI)
 */
public record PipelineContext(Project project, Path runDir, boolean quick) {
  /** The directory of a stage: {@code runs/<name>/<stage>}. */
  public Path stageDir(String stage) {
    return runDir.resolve(stage);
  }

  /** Whether the run trains the built-in tiny model (no {@code base_model} in the project). */
  public boolean tinyDefault() {
    return project.baseModel() == null;
  }
}

package ai.brandtune.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * One step of the pipeline. The runner gives each stage its own directory ({@code
 * runs/<name>/<stage>/}), writes {@link #config} there as {@code config.yaml}, and decides from the
 * stage's {@code manifest.json} whether to skip it: a stage is skipped when it completed before
 * with the same config, the same inputs (the outputs of {@link #inputs} and the files of {@link
 * #externalInputs}) and its outputs are still as it left them.
 *
 * <p>To add a stage, implement this interface and add an instance to {@link PipelineStages#all()}
 * in its place in the order.
 */
public interface Stage {
  /** The stage's name: its directory, its {@code --from}/{@code --only} value, its project key. */
  String name();

  /**
   * The earlier stages whose outputs this stage reads. Their output fingerprints are part of this
   * stage's input hash, and {@link StageRun#output} may only name them.
   */
  List<String> inputs(PipelineContext context);

  /** Whether the stage takes part in this run (pretrain only for the built-in tiny model). */
  default boolean enabled(PipelineContext context) {
    return true;
  }

  /**
   * The stage's settings, resolved (defaults, {@code --quick}, then the project's block for this
   * stage on top): written to {@code config.yaml} and hashed. Must not depend on anything but the
   * project and the quick flag, so an unchanged project gives an unchanged config.
   */
  ObjectNode config(PipelineContext context);

  /** Files or directories outside the run that the stage reads (kit, base model), fingerprinted. */
  default List<Path> externalInputs(PipelineContext context) {
    return List.of();
  }

  /**
   * Runs the stage in {@link StageRun#dir()}. A stage that trains sets {@code
   * resume_from_checkpoint: auto}: the runner keeps the directory of an interrupted attempt with
   * the same config and inputs, so the rerun continues from the last checkpoint; otherwise the
   * runner empties the directory first.
   *
   * @return the stage's outputs (paths relative to its directory) and what to record and print
   */
  StageResult run(StageRun run);
}

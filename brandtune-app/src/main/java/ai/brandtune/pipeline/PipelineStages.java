package ai.brandtune.pipeline;

import java.util.List;

/**
 * The registered stages, in the order they run. This list is the one place a stage is added: the
 * runner, {@code --from}/{@code --only} and the project file's stage blocks all follow it.
 */
public final class PipelineStages {
  private PipelineStages() {}

  /** data -> pretrain (built-in tiny model only) -> sft -> rm -> grpo -> eval -> report. */
  public static List<Stage> all() {
    return List.of(
        new DataStage(),
        new PretrainStage(),
        new SftStage(),
        new RmStage(),
        new GrpoStage(),
        new EvalStage(),
        new ReportStage());
  }

  /** The names of {@link #all()}, which are also the project file's stage keys. */
  public static List<String> names() {
    return all().stream().map(Stage::name).toList();
  }
}

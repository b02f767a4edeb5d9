package ai.brandtune.pipeline;

import ai.brandtune.eval.EvalRun;
import ai.brandtune.report.ReportWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code report}: {@code brandtune report} on the eval stage's results: Markdown and HTML with
 * charts comparing golden, base, SFT and GRPO. Its one key, {@code diff_against}, lists results
 * files of earlier runs to add a run-to-run diff.
 */
final class ReportStage implements Stage {
  static final String NAME = "report";
  static final String DIFF_AGAINST = "diff_against";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> inputs(PipelineContext context) {
    return List.of(EvalStage.NAME);
  }

  @Override
  public List<Path> externalInputs(PipelineContext context) {
    return diffs(config(context));
  }

  @Override
  public ObjectNode config(PipelineContext context) {
    return StageConfigs.merge(
        context, NAME, Pipeline.YAML.createObjectNode(), Set.of(DIFF_AGAINST), Set.of());
  }

  private static List<Path> diffs(JsonNode config) {
    List<Path> files = new ArrayList<>();
    config.path(DIFF_AGAINST).forEach(f -> files.add(Path.of(f.asText())));
    return files;
  }

  @Override
  public StageResult run(StageRun run) {
    Path results = run.output(EvalStage.NAME).resolve(EvalRun.RESULTS);
    Path html = ReportWriter.write(List.of(results), run.dir(), diffs(run.config()));
    return new StageResult(StageConfigs.topLevelFiles(run.dir()), Map.of(), html.toString(), html);
  }
}

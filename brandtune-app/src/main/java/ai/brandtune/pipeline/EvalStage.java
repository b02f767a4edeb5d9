package ai.brandtune.pipeline;

import ai.brandtune.cli.CheckpointModels;
import ai.brandtune.eval.EvalConfig;
import ai.brandtune.eval.EvalResult;
import ai.brandtune.eval.EvalRun;
import ai.brandtune.judge.OfflineJudges;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval}: {@code brandtune eval} on the validation products' prompts, comparing the golden
 * copy, the base model, the SFT model and the GRPO model with the offline judges (brand rules, fact
 * check, chrF against golden, the rm stage's reward model), plus the LLM judge when the project
 * names one. The models sample at temperature 1, as GRPO trained, from one seed, so a rerun
 * reproduces the outputs (greedy decoding is no fairer: a briefly trained model's most likely first
 * token is often the end of turn). Its keys are {@code eval}'s.
 */
final class EvalStage implements Stage {
  static final String NAME = "eval";

  private static final Set<String> OWNED =
      Set.of("models", "prompts", "reward_model_path", "output_dir", "name");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> inputs(PipelineContext context) {
    return context.tinyDefault()
        ? List.of(DataStage.NAME, PretrainStage.NAME, SftStage.NAME, RmStage.NAME, GrpoStage.NAME)
        : List.of(DataStage.NAME, SftStage.NAME, RmStage.NAME, GrpoStage.NAME);
  }

  @Override
  public List<Path> externalInputs(PipelineContext context) {
    return context.tinyDefault() ? List.of() : List.of(context.project().baseModel());
  }

  @Override
  public ObjectNode config(PipelineContext context) {
    ObjectNode d = Pipeline.YAML.createObjectNode();
    d.put("name", context.runDir().getFileName().toString());
    SftModel sft = SftModel.of(context);
    ArrayNode models = d.putArray("models");
    models.addObject().put("name", "golden").put("kind", EvalConfig.ModelSpec.GOLDEN);
    model(models, "base", SftStage.baseModel(context), null);
    model(models, "sft", sft.base(), sft.adapter());
    model(models, "grpo", sft.policyBase(context), context.stageDir(GrpoStage.NAME));
    d.put(
        "prompts", DataStage.export(context.stageDir(DataStage.NAME), "grpo_val.jsonl").toString());
    if (context.project().kit() != null) {
      d.put("brand_dir", context.project().kit().toString());
    }
    ArrayNode judges =
        d.putArray("judges")
            .add(OfflineJudges.BRAND_RULES)
            .add(OfflineJudges.FACTS)
            .add(OfflineJudges.CHRF)
            .add(OfflineJudges.REWARD_MODEL);
    d.put("reward_model_path", context.stageDir(RmStage.NAME).toString());
    if (context.project().judge() != null) {
      judges.add(OfflineJudges.LLM);
      d.set("llm", context.project().judge().deepCopy());
    }
    ObjectNode sampling = d.putObject("sampling");
    sampling.put("temperature", 1.0);
    sampling.put("top_p", 1.0);
    sampling.put("seed", context.project().seed());
    if (context.tinyDefault()) {
      sampling.put("max_new_tokens", context.quick() ? 128 : 192);
      d.put("batch_size", 8);
    } else {
      sampling.put("max_new_tokens", 768);
      d.put("batch_size", 8);
      if (context.quick()) {
        d.put("max_prompts", 8);
      }
    }
    d.put("device", context.project().device());
    d.put("dtype", context.project().bf16() ? "bfloat16" : "auto");
    d.put("output_dir", context.stageDir(NAME).toString());
    return StageConfigs.merge(context, NAME, d, StageConfigs.keys(EvalConfig.class), OWNED);
  }

  private static void model(ArrayNode models, String name, Path path, Path adapter) {
    ObjectNode m = models.addObject();
    m.put("name", name).put("kind", EvalConfig.ModelSpec.MODEL).put("path", path.toString());
    if (adapter != null) {
      m.put("adapter", adapter.toString());
    }
  }

  @Override
  public StageResult run(StageRun run) {
    run.output(GrpoStage.NAME);
    EvalConfig config = StageConfigs.read(run, EvalConfig.class);
    EvalResult result = EvalRun.run(config, new CheckpointModels());
    Map<String, Object> summary = new LinkedHashMap<>();
    List<String> scores = new ArrayList<>();
    for (EvalResult.ModelSummary m : result.models().values()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("prompts", m.prompts());
      one.put("mean_brand_score", m.meanBrandScore());
      one.put("mean_by_judge", m.meanByJudge());
      one.put("failed", m.failed());
      summary.put(m.model(), one);
      scores.add(String.format(Locale.ROOT, "%s %.3f", m.model(), m.meanBrandScore()));
    }
    List<String> outputs =
        List.of(EvalRun.RESULTS, EvalRun.RESULTS_CSV, EvalRun.OUTPUTS, EvalRun.RUN);
    return new StageResult(outputs, summary, "mean brand-rule score: " + String.join(", ", scores));
  }
}

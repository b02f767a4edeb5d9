package ai.brandtune.pipeline;

import ai.brandtune.train.reward.RewardConfig;
import ai.brandtune.train.reward.RewardEvaluation;
import ai.brandtune.train.reward.RewardTrainer;
import ai.brandtune.train.reward.RewardTrainingResult;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code rm}: {@code brandtune train rm}, a Bradley-Terry reward model on the data stage's
 * preference split, evaluated on its validation products with accuracy per rejected type (weak,
 * exaggerated, fabricated). It starts from the SFT model when SFT trained all weights, else from
 * the base model (a LoRA SFT leaves an adapter, not a model). Its keys are {@code train rm}'s.
 */
final class RmStage implements Stage {
  static final String NAME = "rm";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> inputs(PipelineContext context) {
    return context.tinyDefault()
        ? List.of(DataStage.NAME, PretrainStage.NAME, SftStage.NAME)
        : List.of(DataStage.NAME, SftStage.NAME);
  }

  @Override
  public List<Path> externalInputs(PipelineContext context) {
    return context.tinyDefault() ? List.of() : List.of(context.project().baseModel());
  }

  @Override
  public ObjectNode config(PipelineContext context) {
    ObjectNode d = Pipeline.YAML.createObjectNode();
    // a full SFT run leaves a model; a LoRA one an adapter, so the RM starts from the base then
    d.put("model_name_or_path", SftModel.of(context).base().toString());
    Path data = context.stageDir(DataStage.NAME);
    d.putArray("dataset").add(DataStage.export(data, "pref_train.jsonl").toString());
    d.putArray("eval_dataset").add(DataStage.export(data, "pref_val.jsonl").toString());
    if (context.tinyDefault()) {
      d.put("finetuning_type", "full");
      d.put("max_length", 640);
      d.put("max_prompt_length", 256);
      d.put("learning_rate", 5e-4);
      d.put("per_device_train_batch_size", 4);
      d.put("max_steps", context.quick() ? 40 : 100);
      d.put("save_steps", context.quick() ? 20 : 50);
      d.put("logging_steps", 5);
    } else {
      d.put("finetuning_type", "lora");
      d.put("lora_rank", 16);
      d.put("lora_alpha", 32);
      d.put("max_length", 2048);
      d.put("max_prompt_length", 1536);
      d.put("learning_rate", 1e-4);
      d.put("num_train_epochs", 1);
      d.put("per_device_train_batch_size", 4);
      d.put("gradient_accumulation_steps", 2);
      if (context.quick()) {
        d.put("max_steps", 20);
      }
      d.put("save_steps", 50);
      d.put("logging_steps", 10);
    }
    d.put("lr_scheduler_type", "cosine");
    d.put("warmup_ratio", 0.05);
    d.put("save_total_limit", 2);
    StageConfigs.loopDefaults(d, context, context.stageDir(NAME));
    return StageConfigs.merge(
        context, NAME, d, StageConfigs.keys(RewardConfig.class), SftStage.OWNED);
  }

  @Override
  public StageResult run(StageRun run) {
    run.output(SftStage.NAME);
    RewardConfig config = StageConfigs.read(run, RewardConfig.class);
    RewardTrainingResult result = RewardTrainer.run(config, run.stop());
    Map<String, Object> summary = StageConfigs.trainingSummary(NAME, result.training());
    StringBuilder note = new StringBuilder(StageConfigs.trainingNote(result.training()));
    RewardEvaluation.Report eval = result.evaluation();
    if (eval != null) {
      summary.put("evaluation", eval.metrics());
      note.append(String.format(Locale.ROOT, ", accuracy %.3f (", eval.accuracy()));
      boolean first = true;
      for (var e : eval.byType().entrySet()) {
        note.append(first ? "" : ", ")
            .append(e.getKey())
            .append(String.format(Locale.ROOT, " %.3f", e.getValue().accuracy()));
        first = false;
      }
      note.append(")");
    }
    return new StageResult(StageConfigs.topLevelFiles(run.dir()), summary, note.toString());
  }
}

package ai.brandtune.pipeline;

import ai.brandtune.train.TrainingResult;
import ai.brandtune.train.sft.SftConfig;
import ai.brandtune.train.sft.SftTrainer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sft}: {@code brandtune train sft} on the data stage's chat split, from the pretrained tiny
 * model (full fine-tuning: LoRA adapters on a 128-wide model have too little capacity to learn the
 * brand's voice) or from the project's {@code base_model} (LoRA). Its keys are {@code train sft}'s.
 */
final class SftStage implements Stage {
  static final String NAME = "sft";
  static final Set<String> OWNED =
      Set.of(
          "model_name_or_path", "dataset", "eval_dataset", "output_dir", "resume_from_checkpoint");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> inputs(PipelineContext context) {
    return context.tinyDefault()
        ? List.of(DataStage.NAME, PretrainStage.NAME)
        : List.of(DataStage.NAME);
  }

  @Override
  public List<Path> externalInputs(PipelineContext context) {
    return context.tinyDefault() ? List.of() : List.of(context.project().baseModel());
  }

  /** The model the post-training stages start from: the pretrained tiny model or base_model. */
  static Path baseModel(PipelineContext context) {
    return context.tinyDefault()
        ? context.stageDir(PretrainStage.NAME)
        : context.project().baseModel();
  }

  @Override
  public ObjectNode config(PipelineContext context) {
    ObjectNode d = Pipeline.YAML.createObjectNode();
    d.put("model_name_or_path", baseModel(context).toString());
    Path data = context.stageDir(DataStage.NAME);
    d.putArray("dataset").add(DataStage.export(data, "sft_train.jsonl").toString());
    d.putArray("eval_dataset").add(DataStage.export(data, "sft_val.jsonl").toString());
    if (context.tinyDefault()) {
      d.put("finetuning_type", "full");
      d.put("max_length", 640);
      d.put("learning_rate", 1e-3);
      d.put("per_device_train_batch_size", 4);
      d.put("max_steps", context.quick() ? 100 : 400);
      d.put("save_steps", context.quick() ? 25 : 50);
      d.put("logging_steps", 5);
    } else {
      d.put("finetuning_type", "lora");
      d.put("lora_rank", 16);
      d.put("lora_alpha", 32);
      d.put("max_length", 2048);
      d.put("learning_rate", 1e-4);
      d.put("num_train_epochs", 3);
      d.put("per_device_train_batch_size", 4);
      d.put("gradient_accumulation_steps", 4);
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
    return StageConfigs.merge(context, NAME, d, StageConfigs.keys(SftConfig.class), OWNED);
  }

  @Override
  public StageResult run(StageRun run) {
    run.output(DataStage.NAME);
    SftConfig config = StageConfigs.read(run, SftConfig.class);
    TrainingResult result = SftTrainer.run(config, run.stop());
    Map<String, Object> summary = StageConfigs.trainingSummary(NAME, result);
    summary.put("finetuning_type", config.finetuningType());
    return new StageResult(
        StageConfigs.topLevelFiles(run.dir()), summary, StageConfigs.trainingNote(result));
  }
}

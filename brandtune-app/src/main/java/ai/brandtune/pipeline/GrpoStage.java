package ai.brandtune.pipeline;

import ai.brandtune.rewards.BrandRewards;
import ai.brandtune.train.grpo.GrpoConfig;
import ai.brandtune.train.grpo.GrpoTrainer;
import ai.brandtune.train.grpo.GrpoTrainingResult;
import ai.brandtune.train.grpo.RewardRegistry;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code grpo}: {@code brandtune train grpo} on the data stage's training prompts, a LoRA policy on
 * the SFT model, rewarded by the rm stage's reward model and the brand rules. After a LoRA SFT the
 * SFT adapter is first merged into the base ({@link SftModel}), since the GRPO adapter trains on
 * top of the SFT weights. Its keys are {@code train grpo}'s.
 */
final class GrpoStage implements Stage {
  static final String NAME = "grpo";

  /**
   * {@code brand_score} (what the eval's brand-rule judge measures) carries the brand objective;
   * the per-rule functions are logged at weight 0, so their metrics show which rule moved. Summed
   * per-hit penalties made a poor objective on the tiny default: the cheapest policy under equal
   * weights was a copy of a few characters (GRPO went from 126 to 18 characters a copy).
   */
  private static final double BRAND_SCORE_WEIGHT = 4.0;

  /**
   * The learned reward is damped: a briefly trained reward model rewards long copies, and at equal
   * weight it pulled the tiny default's GRPO to the length cap while the brand score fell.
   */
  private static final double REWARD_MODEL_WEIGHT = 0.25;

  private static final Set<String> OWNED =
      Stream.concat(SftStage.OWNED.stream(), Stream.of("reward_model_path"))
          .collect(Collectors.toUnmodifiableSet());

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> inputs(PipelineContext context) {
    return context.tinyDefault()
        ? List.of(DataStage.NAME, PretrainStage.NAME, SftStage.NAME, RmStage.NAME)
        : List.of(DataStage.NAME, SftStage.NAME, RmStage.NAME);
  }

  @Override
  public List<Path> externalInputs(PipelineContext context) {
    return context.tinyDefault() ? List.of() : List.of(context.project().baseModel());
  }

  @Override
  public ObjectNode config(PipelineContext context) {
    ObjectNode d = Pipeline.YAML.createObjectNode();
    d.put("model_name_or_path", SftModel.of(context).policyBase(context).toString());
    d.putArray("dataset")
        .add(DataStage.export(context.stageDir(DataStage.NAME), "grpo_train.jsonl").toString());
    d.put("reward_model_path", context.stageDir(RmStage.NAME).toString());
    ArrayNode funcs = d.putArray("reward_funcs").add("reward_model");
    ArrayNode weights = d.putArray("reward_weights").add(REWARD_MODEL_WEIGHT);
    for (String f : BrandRewards.NAMES) {
      funcs.add(f);
      weights.add(f.equals(BrandRewards.SCORE) ? BRAND_SCORE_WEIGHT : 0.0);
    }
    if (context.project().kit() != null) {
      d.put("brand_dir", context.project().kit().toString());
    }
    if (context.tinyDefault()) {
      // a tiny, briefly trained model: a strong constant LR on the adapter and short
      // completions, so a few steps move the policy; beta 0 skips the reference pass (DAPO-style)
      d.put("lora_rank", 16);
      d.put("learning_rate", 5e-3);
      d.put("lr_scheduler_type", "constant");
      d.put("num_generations", 4);
      d.put("per_device_train_batch_size", 16);
      d.put("max_prompt_length", 256);
      d.put("max_completion_length", context.quick() ? 128 : 192);
      d.put("beta", 0.0);
      d.put("max_steps", context.quick() ? 24 : 80);
      d.put("save_steps", context.quick() ? 8 : 20);
      d.put("logging_steps", 1);
      d.put("log_completions_steps", context.quick() ? 8 : 20);
    } else {
      d.put("lora_rank", 16);
      d.put("lora_alpha", 32);
      d.put("learning_rate", 1e-6);
      d.put("num_generations", 8);
      d.put("per_device_train_batch_size", 8);
      d.put("gradient_accumulation_steps", 2);
      d.put("max_prompt_length", 1536);
      d.put("max_completion_length", 768);
      d.put("beta", 0.04);
      if (context.quick()) {
        d.put("max_steps", 10);
      }
      d.put("save_steps", 25);
      d.put("logging_steps", 1);
      d.put("log_completions_steps", 10);
    }
    d.put("save_total_limit", 2);
    StageConfigs.loopDefaults(d, context, context.stageDir(NAME));
    return StageConfigs.merge(context, NAME, d, StageConfigs.keys(GrpoConfig.class), OWNED);
  }

  @Override
  public StageResult run(StageRun run) {
    run.output(RmStage.NAME);
    SftModel.of(run.context()).preparePolicyBase(run);
    GrpoConfig config = StageConfigs.read(run, GrpoConfig.class);
    GrpoTrainingResult result =
        GrpoTrainer.run(config, BrandRewards.addTo(RewardRegistry.builtIn()), run.stop());
    Map<String, Object> summary = StageConfigs.trainingSummary(NAME, result.training());
    List<Double> rewards = result.meanRewards();
    StringBuilder note = new StringBuilder(StageConfigs.trainingNote(result.training()));
    if (!rewards.isEmpty()) {
      double first = rewards.get(0);
      double last = rewards.get(rewards.size() - 1);
      summary.put("mean_reward_first_step", first);
      summary.put("mean_reward_last_step", last);
      note.append(String.format(Locale.ROOT, ", mean reward %.3f -> %.3f", first, last));
    }
    return new StageResult(StageConfigs.topLevelFiles(run.dir()), summary, note.toString());
  }
}

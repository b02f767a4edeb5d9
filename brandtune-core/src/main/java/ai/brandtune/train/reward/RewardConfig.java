package ai.brandtune.train.reward;

import static ai.brandtune.train.ConfigKeys.orElse;
import static ai.brandtune.train.ConfigKeys.requirePositive;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.PreferenceEncoderOptions;
import ai.brandtune.train.ConfigKeys;
import ai.brandtune.train.LoopConfig;
import ai.brandtune.train.TrainingConfig;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * {@code brandtune train rm} settings, one YAML key per component, named as TRL's RewardConfig and
 * LLaMA-Factory name them (snake_case in the file); the shared loop's keys sit in the same flat
 * file and land in {@link #loop()}. Absent keys take the defaults documented in docs/training.md;
 * every key is listed there.
 */
public record RewardConfig(
    String modelNameOrPath,
    List<String> dataset,
    List<String> evalDataset,
    Double valSize,
    String finetuningType,
    Integer loraRank,
    Double loraAlpha,
    Double loraDropout,
    List<String> loraTarget,
    Boolean useRslora,
    Integer maxLength,
    Integer maxPromptLength,
    Boolean groupByLength,
    String lossType,
    Double hingeAlpha,
    Double centerRewardsCoefficient,
    Map<String, Object> chatTemplateKwargs,
    String onBadRecord,
    @JsonUnwrapped LoopConfig loop)
    implements TrainingConfig {

  /** One epoch, as TRL's reward-modelling example trains: a reward model overfits fast. */
  public static final LoopConfig.Defaults LOOP_DEFAULTS = new LoopConfig.Defaults(1e-4, 1);

  public RewardConfig {
    if (modelNameOrPath == null || modelNameOrPath.isBlank()) {
      throw new BrandtuneException(
          "model_name_or_path is required (a Hugging Face model directory)");
    }
    if (dataset == null || dataset.isEmpty()) {
      throw new BrandtuneException("dataset is required (one or more preference JSONL files)");
    }
    loop = LoopConfig.withDefaults(loop, LOOP_DEFAULTS);
    evalDataset = evalDataset == null ? List.of() : List.copyOf(evalDataset);
    dataset = List.copyOf(dataset);
    valSize = ConfigKeys.valSize(valSize);
    finetuningType = ConfigKeys.finetuningType(finetuningType);
    loraRank = orElse(loraRank, 8);
    loraAlpha = orElse(loraAlpha, 2.0 * loraRank);
    loraDropout = orElse(loraDropout, 0.0);
    loraTarget = ConfigKeys.loraTarget(loraTarget);
    useRslora = orElse(useRslora, false);
    maxLength = orElse(maxLength, 1024);
    maxPromptLength = orElse(maxPromptLength, 512);
    groupByLength = orElse(groupByLength, true);
    lossType = RewardLoss.Type.parse(orElse(lossType, "pairwise_mean"), "loss_type").key();
    hingeAlpha = orElse(hingeAlpha, 1.0);
    centerRewardsCoefficient = orElse(centerRewardsCoefficient, 0.0);
    chatTemplateKwargs = chatTemplateKwargs == null ? Map.of() : chatTemplateKwargs;
    onBadRecord = ConfigKeys.onBadRecord(onBadRecord);
    requirePositive("max_length", maxLength);
    requirePositive("max_prompt_length", maxPromptLength);
    requirePositive("lora_rank", loraRank);
    if (maxPromptLength >= maxLength) {
      throw new BrandtuneException(
          "max_prompt_length ("
              + maxPromptLength
              + ") must be below max_length ("
              + maxLength
              + ") to leave room for the completion");
    }
    if (!(hingeAlpha >= 0) || !Double.isFinite(hingeAlpha)) {
      throw new BrandtuneException("hinge_alpha: must be a number >= 0, got " + hingeAlpha);
    }
    if (!(centerRewardsCoefficient >= 0) || !Double.isFinite(centerRewardsCoefficient)) {
      throw new BrandtuneException(
          "center_rewards_coefficient: must be a number >= 0, got " + centerRewardsCoefficient);
    }
  }

  public boolean lora() {
    return finetuningType.equals("lora");
  }

  /** How examples are rendered and truncated: {@code max_length}, {@code max_prompt_length}. */
  public PreferenceEncoderOptions encoderOptions() {
    return new PreferenceEncoderOptions(maxLength, maxPromptLength, chatTemplateKwargs);
  }

  /** The objective {@code loss_type}, {@code hinge_alpha} and the centring coefficient select. */
  public RewardLoss loss() {
    return new RewardLoss(
        RewardLoss.Type.parse(lossType, "loss_type"), hingeAlpha, centerRewardsCoefficient);
  }
}

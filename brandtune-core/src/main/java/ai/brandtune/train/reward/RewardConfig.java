package ai.brandtune.train.reward;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.PreferenceEncoderOptions;
import ai.brandtune.train.AdamWSettings;
import ai.brandtune.train.LrSchedule;
import ai.brandtune.train.TrainingArguments;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code brandtune train rm} settings, one YAML key per component, named as TRL's RewardConfig and
 * LLaMA-Factory name them (snake_case in the file). Absent keys take the defaults documented in
 * docs/training.md; every key is listed there.
 */
public record RewardConfig(
    String modelNameOrPath,
    List<String> dataset,
    List<String> evalDataset,
    Double valSize,
    String outputDir,
    String finetuningType,
    Integer loraRank,
    Double loraAlpha,
    Double loraDropout,
    List<String> loraTarget,
    Boolean useRslora,
    Double learningRate,
    Integer numTrainEpochs,
    Integer maxSteps,
    Integer perDeviceTrainBatchSize,
    Integer perDeviceEvalBatchSize,
    Integer gradientAccumulationSteps,
    Integer maxLength,
    Integer maxPromptLength,
    Boolean groupByLength,
    String lossType,
    Double hingeAlpha,
    Double centerRewardsCoefficient,
    java.util.Map<String, Object> chatTemplateKwargs,
    String onBadRecord,
    String lrSchedulerType,
    Double warmupRatio,
    Integer warmupSteps,
    Double minLrRatio,
    Double weightDecay,
    Double adamBeta1,
    Double adamBeta2,
    Double adamEpsilon,
    Double maxGradNorm,
    Integer loggingSteps,
    Integer evalSteps,
    Integer saveSteps,
    Integer saveTotalLimit,
    Long seed,
    String resumeFromCheckpoint,
    Boolean bf16,
    String device,
    Boolean progress) {

  public RewardConfig {
    if (modelNameOrPath == null || modelNameOrPath.isBlank()) {
      throw new BrandtuneException(
          "model_name_or_path is required (a Hugging Face model directory)");
    }
    if (dataset == null || dataset.isEmpty()) {
      throw new BrandtuneException("dataset is required (one or more preference JSONL files)");
    }
    if (outputDir == null || outputDir.isBlank()) {
      throw new BrandtuneException("output_dir is required");
    }
    evalDataset = evalDataset == null ? List.of() : List.copyOf(evalDataset);
    dataset = List.copyOf(dataset);
    valSize = orElse(valSize, 0.0);
    finetuningType = orElse(finetuningType, "lora").toLowerCase(Locale.ROOT);
    if (!finetuningType.equals("lora") && !finetuningType.equals("full")) {
      throw new BrandtuneException("finetuning_type: '" + finetuningType + "' is not lora or full");
    }
    loraRank = orElse(loraRank, 8);
    loraAlpha = orElse(loraAlpha, 2.0 * loraRank);
    loraDropout = orElse(loraDropout, 0.0);
    loraTarget = loraTarget == null ? List.of("all") : splitCommas(loraTarget);
    useRslora = orElse(useRslora, false);
    learningRate = orElse(learningRate, 1e-4);
    numTrainEpochs = orElse(numTrainEpochs, 1);
    maxSteps = orElse(maxSteps, -1);
    perDeviceTrainBatchSize = orElse(perDeviceTrainBatchSize, 4);
    perDeviceEvalBatchSize = orElse(perDeviceEvalBatchSize, perDeviceTrainBatchSize);
    gradientAccumulationSteps = orElse(gradientAccumulationSteps, 1);
    maxLength = orElse(maxLength, 1024);
    maxPromptLength = orElse(maxPromptLength, 512);
    groupByLength = orElse(groupByLength, true);
    lossType = RewardLoss.Type.parse(orElse(lossType, "pairwise_mean"), "loss_type").key();
    hingeAlpha = orElse(hingeAlpha, 1.0);
    centerRewardsCoefficient = orElse(centerRewardsCoefficient, 0.0);
    chatTemplateKwargs = chatTemplateKwargs == null ? java.util.Map.of() : chatTemplateKwargs;
    onBadRecord = orElse(onBadRecord, "error").toLowerCase(Locale.ROOT);
    lrSchedulerType = orElse(lrSchedulerType, "cosine");
    warmupRatio = orElse(warmupRatio, 0.0);
    warmupSteps = orElse(warmupSteps, 0);
    minLrRatio = orElse(minLrRatio, 0.0);
    weightDecay = orElse(weightDecay, 0.0);
    adamBeta1 = orElse(adamBeta1, 0.9);
    adamBeta2 = orElse(adamBeta2, 0.999);
    adamEpsilon = orElse(adamEpsilon, 1e-8);
    maxGradNorm = orElse(maxGradNorm, 1.0);
    loggingSteps = orElse(loggingSteps, 10);
    evalSteps = orElse(evalSteps, 0);
    saveSteps = orElse(saveSteps, 500);
    saveTotalLimit = orElse(saveTotalLimit, 0);
    seed = orElse(seed, 42L);
    bf16 = orElse(bf16, false);
    device = orElse(device, "auto");
    progress = orElse(progress, true);
    requirePositive("per_device_train_batch_size", perDeviceTrainBatchSize);
    requirePositive("per_device_eval_batch_size", perDeviceEvalBatchSize);
    requirePositive("gradient_accumulation_steps", gradientAccumulationSteps);
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
    if (!onBadRecord.equals("error") && !onBadRecord.equals("skip")) {
      throw new BrandtuneException("on_bad_record: '" + onBadRecord + "' is not error or skip");
    }
    if (valSize < 0 || valSize >= 1) {
      throw new BrandtuneException("val_size: " + valSize + " must be within [0, 1)");
    }
    LrSchedule.Type.parse(lrSchedulerType);
  }

  /** The shared loop's settings. */
  public TrainingArguments trainingArguments() {
    return new TrainingArguments(
        Path.of(outputDir),
        numTrainEpochs,
        maxSteps,
        gradientAccumulationSteps,
        learningRate,
        LrSchedule.Type.parse(lrSchedulerType),
        warmupRatio,
        warmupSteps,
        minLrRatio,
        new AdamWSettings(weightDecay, adamBeta1, adamBeta2, adamEpsilon),
        maxGradNorm,
        seed,
        loggingSteps,
        evalSteps,
        saveSteps,
        saveTotalLimit,
        resumeFromCheckpoint,
        bf16,
        progress);
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

  private static <V> V orElse(V value, V fallback) {
    return value == null ? fallback : value;
  }

  private static void requirePositive(String key, int value) {
    if (value < 1) {
      throw new BrandtuneException(key + ": must be >= 1, got " + value);
    }
  }

  /** {@code q_proj,v_proj} in one string or as a YAML list; both mean the same. */
  private static List<String> splitCommas(List<String> values) {
    return values.stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .toList();
  }
}

package ai.brandtune.train.dpo;

import ai.brandtune.BrandtuneException;
import ai.brandtune.train.AdamWSettings;
import ai.brandtune.train.LrSchedule;
import ai.brandtune.train.TrainingArguments;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code brandtune train dpo} settings: TRL's {@code DPOConfig} keys for the algorithm ({@code
 * beta}, {@code loss_type}, {@code label_smoothing}, {@code rpo_alpha}, {@code max_length}, {@code
 * max_prompt_length}, {@code precompute_ref_log_probs}), LLaMA-Factory's for the model and LoRA,
 * and the shared loop keys as {@code SftConfig} has them. Absent keys take the defaults documented
 * in docs/training.md; every key is listed there.
 */
public record DpoConfig(
    String modelNameOrPath,
    String refModel,
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
    Double beta,
    String lossType,
    Double labelSmoothing,
    Double rpoAlpha,
    Integer maxLength,
    Integer maxPromptLength,
    Boolean precomputeRefLogProbs,
    Boolean disableDropout,
    Map<String, Object> chatTemplateKwargs,
    String onBadRecord,
    Double learningRate,
    Integer numTrainEpochs,
    Integer maxSteps,
    Integer perDeviceTrainBatchSize,
    Integer perDeviceEvalBatchSize,
    Integer gradientAccumulationSteps,
    Boolean groupByLength,
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

  public DpoConfig {
    if (modelNameOrPath == null || modelNameOrPath.isBlank()) {
      throw new BrandtuneException(
          "model_name_or_path is required (a Hugging Face model directory, usually the SFT"
              + " output)");
    }
    if (dataset == null || dataset.isEmpty()) {
      throw new BrandtuneException("dataset is required (one or more preference JSONL files)");
    }
    if (outputDir == null || outputDir.isBlank()) {
      throw new BrandtuneException("output_dir is required");
    }
    refModel = refModel == null || refModel.isBlank() ? null : refModel;
    dataset = List.copyOf(dataset);
    evalDataset = evalDataset == null ? List.of() : List.copyOf(evalDataset);
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
    beta = orElse(beta, 0.1);
    lossType = DpoLossType.parse(orElse(lossType, "sigmoid"), "loss_type").key();
    labelSmoothing = orElse(labelSmoothing, 0.0);
    rpoAlpha = orElse(rpoAlpha, 0.0);
    maxLength = orElse(maxLength, 1024);
    maxPromptLength = orElse(maxPromptLength, 512);
    precomputeRefLogProbs = orElse(precomputeRefLogProbs, false);
    disableDropout = orElse(disableDropout, true);
    chatTemplateKwargs = chatTemplateKwargs == null ? Map.of() : chatTemplateKwargs;
    onBadRecord = orElse(onBadRecord, "error").toLowerCase(Locale.ROOT);
    learningRate = orElse(learningRate, 1e-6);
    numTrainEpochs = orElse(numTrainEpochs, 3);
    maxSteps = orElse(maxSteps, -1);
    perDeviceTrainBatchSize = orElse(perDeviceTrainBatchSize, 4);
    perDeviceEvalBatchSize = orElse(perDeviceEvalBatchSize, perDeviceTrainBatchSize);
    gradientAccumulationSteps = orElse(gradientAccumulationSteps, 1);
    groupByLength = orElse(groupByLength, true);
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
              + ") must be smaller than max_length ("
              + maxLength
              + "): the completion needs room");
    }
    if (!onBadRecord.equals("error") && !onBadRecord.equals("skip")) {
      throw new BrandtuneException("on_bad_record: '" + onBadRecord + "' is not error or skip");
    }
    if (valSize < 0 || valSize >= 1) {
      throw new BrandtuneException("val_size: " + valSize + " must be within [0, 1)");
    }
    LrSchedule.Type.parse(lrSchedulerType);
    loss(beta, lossType, labelSmoothing, rpoAlpha); // validates the loss keys together
  }

  /** The loss these settings describe. */
  public DpoLoss loss() {
    return loss(beta, lossType, labelSmoothing, rpoAlpha);
  }

  private static DpoLoss loss(double beta, String type, double smoothing, double alpha) {
    return new DpoLoss(DpoLossType.parse(type, "loss_type"), beta, smoothing, alpha);
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

  /** The LoRA dropout the policy trains with: none under {@code disable_dropout}, as in TRL. */
  public double effectiveLoraDropout() {
    return disableDropout ? 0.0 : loraDropout;
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

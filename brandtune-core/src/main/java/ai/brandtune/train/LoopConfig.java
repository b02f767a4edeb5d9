package ai.brandtune.train;

import static ai.brandtune.train.ConfigKeys.orElse;
import static ai.brandtune.train.ConfigKeys.requirePositive;

import ai.brandtune.BrandtuneException;
import java.nio.file.Path;

/**
 * The shared loop's YAML keys (output, optimizer, schedule, batching, logging, checkpoints, seed,
 * device), held once for every algorithm. An algorithm config embeds it with {@code @JsonUnwrapped}
 * so the YAML stays flat ({@code learning_rate:} next to {@code beta:}) and {@link ConfigFile}
 * accepts the keys of both records. As read, absent keys are null; the algorithm resolves them with
 * {@link #withDefaults}, because TRL's trainers differ in some defaults (DPO's learning rate).
 */
public record LoopConfig(
    String outputDir,
    Double learningRate,
    Integer numTrainEpochs,
    Integer maxSteps,
    Integer perDeviceTrainBatchSize,
    Integer perDeviceEvalBatchSize,
    Integer gradientAccumulationSteps,
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

  /** The loop defaults that differ between algorithms. */
  public record Defaults(double learningRate, int numTrainEpochs) {}

  /**
   * These keys with absent ones set to the defaults, validated.
   *
   * @param keys the keys as read, or null when the algorithm config was built without them
   */
  public static LoopConfig withDefaults(LoopConfig keys, Defaults defaults) {
    LoopConfig k = keys == null ? empty() : keys;
    if (k.outputDir == null || k.outputDir.isBlank()) {
      throw new BrandtuneException("output_dir is required");
    }
    int trainBatch = orElse(k.perDeviceTrainBatchSize, 4);
    LoopConfig c =
        new LoopConfig(
            k.outputDir,
            orElse(k.learningRate, defaults.learningRate()),
            orElse(k.numTrainEpochs, defaults.numTrainEpochs()),
            orElse(k.maxSteps, -1),
            trainBatch,
            orElse(k.perDeviceEvalBatchSize, trainBatch),
            orElse(k.gradientAccumulationSteps, 1),
            orElse(k.lrSchedulerType, "cosine"),
            orElse(k.warmupRatio, 0.0),
            orElse(k.warmupSteps, 0),
            orElse(k.minLrRatio, 0.0),
            orElse(k.weightDecay, 0.0),
            orElse(k.adamBeta1, 0.9),
            orElse(k.adamBeta2, 0.999),
            orElse(k.adamEpsilon, 1e-8),
            orElse(k.maxGradNorm, 1.0),
            orElse(k.loggingSteps, 10),
            orElse(k.evalSteps, 0),
            orElse(k.saveSteps, 500),
            orElse(k.saveTotalLimit, 0),
            orElse(k.seed, 42L),
            k.resumeFromCheckpoint,
            orElse(k.bf16, false),
            orElse(k.device, "auto"),
            orElse(k.progress, true));
    requirePositive("per_device_train_batch_size", c.perDeviceTrainBatchSize);
    requirePositive("per_device_eval_batch_size", c.perDeviceEvalBatchSize);
    requirePositive("gradient_accumulation_steps", c.gradientAccumulationSteps);
    LrSchedule.Type.parse(c.lrSchedulerType);
    return c;
  }

  private static LoopConfig empty() {
    return new LoopConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null);
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
}

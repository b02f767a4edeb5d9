package ai.brandtune.train;

import java.nio.file.Path;

/**
 * The shared loop's settings, named after transformers' TrainingArguments. Algorithm configs (for
 * example {@code SftConfig}) carry these plus their own keys and build this record.
 *
 * @param maxSteps when > 0, overrides {@code numTrainEpochs}
 * @param warmupSteps when > 0, overrides {@code warmupRatio}
 * @param maxGradNorm global-norm clipping threshold; 0 turns clipping off
 * @param evalSteps evaluate every N steps (and at the end) when there is an eval set; 0: only at
 *     the end
 * @param saveSteps checkpoint every N steps; the end always saves
 * @param saveTotalLimit keep the newest N checkpoints; 0 keeps all
 * @param resumeFrom {@code null} for a fresh run, {@code auto} for the newest valid checkpoint in
 *     {@code outputDir}, or a checkpoint directory
 * @param bf16 bf16 autocast for the forward pass with float32 trained parameters
 * @param progress draw a progress bar on stderr
 */
public record TrainingArguments(
    Path outputDir,
    int numTrainEpochs,
    int maxSteps,
    int gradientAccumulationSteps,
    double learningRate,
    LrSchedule.Type lrSchedulerType,
    double warmupRatio,
    int warmupSteps,
    double minLrRatio,
    AdamWSettings adamW,
    double maxGradNorm,
    long seed,
    int loggingSteps,
    int evalSteps,
    int saveSteps,
    int saveTotalLimit,
    String resumeFrom,
    boolean bf16,
    boolean progress) {

  /** A builder starting from small defaults, for tests and programmatic use. */
  public static Builder builder(Path outputDir) {
    return new Builder(outputDir);
  }

  /**
   * Builds {@link TrainingArguments}; every field starts at transformers' default or a small one.
   */
  public static final class Builder {
    private Path outputDir;
    private int numTrainEpochs = 1;
    private int maxSteps;
    private int gradientAccumulationSteps = 1;
    private double learningRate = 1e-4;
    private LrSchedule.Type lrSchedulerType = LrSchedule.Type.LINEAR;
    private double warmupRatio;
    private int warmupSteps;
    private double minLrRatio;
    private AdamWSettings adamW = AdamWSettings.defaults();
    private double maxGradNorm = 1.0;
    private long seed = 42;
    private int loggingSteps = 1;
    private int evalSteps;
    private int saveSteps = 500;
    private int saveTotalLimit;
    private String resumeFrom;
    private boolean bf16;
    private boolean progress;

    private Builder(Path outputDir) {
      this.outputDir = outputDir;
    }

    public Builder outputDir(Path v) {
      outputDir = v;
      return this;
    }

    public Builder numTrainEpochs(int v) {
      numTrainEpochs = v;
      return this;
    }

    public Builder maxSteps(int v) {
      maxSteps = v;
      return this;
    }

    public Builder gradientAccumulationSteps(int v) {
      gradientAccumulationSteps = v;
      return this;
    }

    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder lrSchedulerType(LrSchedule.Type v) {
      lrSchedulerType = v;
      return this;
    }

    public Builder warmupRatio(double v) {
      warmupRatio = v;
      return this;
    }

    public Builder warmupSteps(int v) {
      warmupSteps = v;
      return this;
    }

    public Builder minLrRatio(double v) {
      minLrRatio = v;
      return this;
    }

    public Builder adamW(AdamWSettings v) {
      adamW = v;
      return this;
    }

    public Builder maxGradNorm(double v) {
      maxGradNorm = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder loggingSteps(int v) {
      loggingSteps = v;
      return this;
    }

    public Builder evalSteps(int v) {
      evalSteps = v;
      return this;
    }

    public Builder saveSteps(int v) {
      saveSteps = v;
      return this;
    }

    public Builder saveTotalLimit(int v) {
      saveTotalLimit = v;
      return this;
    }

    public Builder resumeFrom(String v) {
      resumeFrom = v;
      return this;
    }

    public Builder bf16(boolean v) {
      bf16 = v;
      return this;
    }

    public Builder progress(boolean v) {
      progress = v;
      return this;
    }

    public TrainingArguments build() {
      return new TrainingArguments(
          outputDir,
          numTrainEpochs,
          maxSteps,
          gradientAccumulationSteps,
          learningRate,
          lrSchedulerType,
          warmupRatio,
          warmupSteps,
          minLrRatio,
          adamW,
          maxGradNorm,
          seed,
          loggingSteps,
          evalSteps,
          saveSteps,
          saveTotalLimit,
          resumeFrom,
          bf16,
          progress);
    }
  }
}

package ai.brandtune.train.grpo;

import static ai.brandtune.train.ConfigKeys.orElse;
import static ai.brandtune.train.ConfigKeys.requirePositive;

import ai.brandtune.BrandtuneException;
import ai.brandtune.generate.SamplingParams;
import ai.brandtune.train.ConfigKeys;
import ai.brandtune.train.LoopConfig;
import ai.brandtune.train.TrainingConfig;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code brandtune train grpo} settings: TRL's {@code GRPOConfig} keys for the algorithm ({@code
 * num_generations}, {@code max_completion_length}, sampling, {@code beta}, {@code epsilon}, {@code
 * epsilon_high}, {@code loss_type}, {@code scale_rewards}, {@code num_iterations}, {@code
 * mask_truncated_completions}, {@code reward_funcs}, {@code reward_weights}, {@code
 * generation_batch_size}), LLaMA-Factory's for the model and LoRA, brandtune's own for the reward
 * functions' inputs ({@code reward_model_path}, {@code reward_model_centering}, {@code brand_dir})
 * and the shared loop keys in the same flat file. Every key is listed in docs/training.md.
 *
 * <p>One training step is one generation batch ({@code generation_batch_size} completions, {@code
 * num_generations} per prompt) followed by {@code num_iterations} optimizer updates on it.
 */
public record GrpoConfig(
    String modelNameOrPath,
    List<String> dataset,
    String finetuningType,
    Integer loraRank,
    Double loraAlpha,
    Double loraDropout,
    List<String> loraTarget,
    Boolean useRslora,
    Integer numGenerations,
    Integer generationBatchSize,
    Integer maxPromptLength,
    Integer maxCompletionLength,
    Double temperature,
    Double topP,
    Integer topK,
    Double minP,
    Double repetitionPenalty,
    Double beta,
    Double epsilon,
    Double epsilonHigh,
    String lossType,
    String scaleRewards,
    Integer numIterations,
    Boolean maskTruncatedCompletions,
    Boolean filterZeroStdGroups,
    List<String> rewardFuncs,
    List<Double> rewardWeights,
    String rewardModelPath,
    String rewardModelCentering,
    Integer rewardModelBatchSize,
    String brandDir,
    Integer logCompletionsSteps,
    Boolean shuffleDataset,
    Map<String, Object> chatTemplateKwargs,
    String onBadRecord,
    @JsonUnwrapped LoopConfig loop)
    implements TrainingConfig {

  /** TRL's GRPO learning rate (the policy starts from a tuned model) and one pass over prompts. */
  public static final LoopConfig.Defaults LOOP_DEFAULTS = new LoopConfig.Defaults(1e-6, 1);

  /** {@code reward_model_centering} values. */
  public static final String CENTERING_NONE = "none";

  public static final String CENTERING_REFERENCE = "reference";

  public GrpoConfig {
    if (modelNameOrPath == null || modelNameOrPath.isBlank()) {
      throw new BrandtuneException(
          "model_name_or_path is required (a Hugging Face model directory, usually the SFT"
              + " output)");
    }
    if (dataset == null || dataset.isEmpty()) {
      throw new BrandtuneException(
          "dataset is required (prompt JSONL: {\"prompt\":[messages], \"meta\":{...}} or GSM8K"
              + " {\"question\", \"answer\"})");
    }
    if (rewardFuncs == null || rewardFuncs.isEmpty()) {
      throw new BrandtuneException(
          "reward_funcs is required: a list of reward function names, e.g. [reward_model,"
              + " brand_banned] (see docs/training.md)");
    }
    loop = LoopConfig.withDefaults(loop, LOOP_DEFAULTS);
    dataset = List.copyOf(dataset);
    finetuningType = ConfigKeys.finetuningType(finetuningType);
    if (!finetuningType.equals("lora")) {
      throw new BrandtuneException(
          "finetuning_type: GRPO trains LoRA adapters (the reference is the base with the adapters"
              + " off); use finetuning_type: lora");
    }
    loraRank = orElse(loraRank, 8);
    loraAlpha = orElse(loraAlpha, 2.0 * loraRank);
    loraDropout = orElse(loraDropout, 0.0);
    loraTarget = ConfigKeys.loraTarget(loraTarget);
    useRslora = orElse(useRslora, false);
    numGenerations = orElse(numGenerations, 8);
    maxPromptLength = orElse(maxPromptLength, 512);
    maxCompletionLength = orElse(maxCompletionLength, 256);
    temperature = orElse(temperature, 1.0);
    topP = orElse(topP, 1.0);
    topK = orElse(topK, 0);
    minP = orElse(minP, 0.0);
    repetitionPenalty = orElse(repetitionPenalty, 1.0);
    beta = orElse(beta, 0.0);
    epsilon = orElse(epsilon, 0.2);
    epsilonHigh = orElse(epsilonHigh, epsilon);
    lossType = GrpoLossType.parse(orElse(lossType, "dapo"), "loss_type").key();
    scaleRewards = ScaleRewards.parse(orElse(scaleRewards, "group"), "scale_rewards").key();
    numIterations = orElse(numIterations, 1);
    maskTruncatedCompletions = orElse(maskTruncatedCompletions, false);
    filterZeroStdGroups = orElse(filterZeroStdGroups, false);
    rewardFuncs = List.copyOf(rewardFuncs);
    rewardWeights = weights(rewardWeights, rewardFuncs.size());
    rewardModelPath = rewardModelPath == null || rewardModelPath.isBlank() ? null : rewardModelPath;
    rewardModelCentering =
        orElse(rewardModelCentering, CENTERING_NONE).toLowerCase(Locale.ROOT).trim();
    if (!rewardModelCentering.equals(CENTERING_NONE)
        && !rewardModelCentering.equals(CENTERING_REFERENCE)) {
      throw new BrandtuneException(
          "reward_model_centering: '" + rewardModelCentering + "' is not none or reference");
    }
    rewardModelBatchSize = orElse(rewardModelBatchSize, 16);
    brandDir = brandDir == null || brandDir.isBlank() ? null : brandDir;
    logCompletionsSteps = orElse(logCompletionsSteps, 10);
    shuffleDataset = orElse(shuffleDataset, true);
    chatTemplateKwargs = chatTemplateKwargs == null ? Map.of() : chatTemplateKwargs;
    onBadRecord = ConfigKeys.onBadRecord(onBadRecord);
    requirePositive("lora_rank", loraRank);
    requirePositive("max_prompt_length", maxPromptLength);
    requirePositive("max_completion_length", maxCompletionLength);
    requirePositive("num_iterations", numIterations);
    requirePositive("reward_model_batch_size", rewardModelBatchSize);
    if (numGenerations < 2) {
      throw new BrandtuneException(
          "num_generations: must be >= 2 (advantages compare completions within a group), got "
              + numGenerations);
    }
    int perStep = loop.perDeviceTrainBatchSize() * loop.gradientAccumulationSteps();
    if (generationBatchSize == null) {
      // the smallest multiple of the group size that covers one optimizer step's rows
      generationBatchSize = ((perStep + numGenerations - 1) / numGenerations) * numGenerations;
    }
    if (generationBatchSize < numGenerations || generationBatchSize % numGenerations != 0) {
      throw new BrandtuneException(
          "generation_batch_size ("
              + generationBatchSize
              + ") must be a positive multiple of num_generations ("
              + numGenerations
              + ")");
    }
    if (beta < 0 || epsilon < 0 || epsilonHigh < 0) {
      throw new BrandtuneException("beta, epsilon and epsilon_high must be >= 0");
    }
    if (logCompletionsSteps < 0) {
      throw new BrandtuneException("log_completions_steps: must be >= 0 (0 turns it off)");
    }
    // validates the sampling keys together, naming the bad one (fields are not assigned yet)
    new SamplingParams(
        maxCompletionLength,
        temperature,
        topK,
        topP,
        minP,
        repetitionPenalty,
        0L,
        List.of(),
        false);
  }

  private static List<Double> weights(List<Double> weights, int functions) {
    if (weights == null || weights.isEmpty()) {
      List<Double> ones = new ArrayList<>();
      for (int i = 0; i < functions; i++) {
        ones.add(1.0);
      }
      return List.copyOf(ones);
    }
    if (weights.size() != functions) {
      throw new BrandtuneException(
          "reward_weights: "
              + weights.size()
              + " weights for "
              + functions
              + " reward_funcs; give one weight per function (or none for all 1.0)");
    }
    return List.copyOf(weights);
  }

  /** The sampling parameters of one step's generation, drawing from {@code seed}. */
  public SamplingParams sampling(long seed) {
    return new SamplingParams(
        maxCompletionLength,
        temperature,
        topK,
        topP,
        minP,
        repetitionPenalty,
        seed,
        List.of(),
        false);
  }

  /** The loss these settings describe. */
  public GrpoLoss loss() {
    return new GrpoLoss(
        GrpoLossType.parse(lossType, "loss_type"), beta, epsilon, epsilonHigh, maxCompletionLength);
  }

  public ScaleRewards rewardScaling() {
    return ScaleRewards.parse(scaleRewards, "scale_rewards");
  }

  /** Prompts sampled per step. */
  public int promptsPerStep() {
    return generationBatchSize / numGenerations;
  }
}

package ai.brandtune.train.dpo;

import static ai.brandtune.train.ConfigKeys.orElse;
import static ai.brandtune.train.ConfigKeys.requirePositive;

import ai.brandtune.BrandtuneException;
import ai.brandtune.train.ConfigKeys;
import ai.brandtune.train.LoopConfig;
import ai.brandtune.train.TrainingConfig;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * {@code brandtune train dpo} settings: TRL's {@code DPOConfig} keys for the algorithm ({@code
 * beta}, {@code loss_type}, {@code label_smoothing}, {@code rpo_alpha}, {@code max_length}, {@code
 * max_prompt_length}, {@code precompute_ref_log_probs}), LLaMA-Factory's for the model and LoRA,
 * and the shared loop keys, which sit in the same flat file and land in {@link #loop()}. Absent
 * keys take the defaults documented in docs/training.md; every key is listed there.
 */
public record DpoConfig(
    String modelNameOrPath,
    String refModel,
    List<String> dataset,
    List<String> evalDataset,
    Double valSize,
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
    Boolean groupByLength,
    @JsonUnwrapped LoopConfig loop)
    implements TrainingConfig {

  /** TRL's DPO learning rate, far below SFT's: the policy starts from a tuned model. */
  public static final LoopConfig.Defaults LOOP_DEFAULTS = new LoopConfig.Defaults(1e-6, 3);

  public DpoConfig {
    if (modelNameOrPath == null || modelNameOrPath.isBlank()) {
      throw new BrandtuneException(
          "model_name_or_path is required (a Hugging Face model directory, usually the SFT"
              + " output)");
    }
    if (dataset == null || dataset.isEmpty()) {
      throw new BrandtuneException("dataset is required (one or more preference JSONL files)");
    }
    loop = LoopConfig.withDefaults(loop, LOOP_DEFAULTS);
    refModel = refModel == null || refModel.isBlank() ? null : refModel;
    dataset = List.copyOf(dataset);
    evalDataset = evalDataset == null ? List.of() : List.copyOf(evalDataset);
    valSize = ConfigKeys.valSize(valSize);
    finetuningType = ConfigKeys.finetuningType(finetuningType);
    loraRank = orElse(loraRank, 8);
    loraAlpha = orElse(loraAlpha, 2.0 * loraRank);
    loraDropout = orElse(loraDropout, 0.0);
    loraTarget = ConfigKeys.loraTarget(loraTarget);
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
    onBadRecord = ConfigKeys.onBadRecord(onBadRecord);
    groupByLength = orElse(groupByLength, true);
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
    loss(beta, lossType, labelSmoothing, rpoAlpha); // validates the loss keys together
  }

  /** The loss these settings describe. */
  public DpoLoss loss() {
    return loss(beta, lossType, labelSmoothing, rpoAlpha);
  }

  private static DpoLoss loss(double beta, String type, double smoothing, double alpha) {
    return new DpoLoss(DpoLossType.parse(type, "loss_type"), beta, smoothing, alpha);
  }

  public boolean lora() {
    return finetuningType.equals("lora");
  }

  /** The LoRA dropout the policy trains with: none under {@code disable_dropout}, as in TRL. */
  public double effectiveLoraDropout() {
    return disableDropout ? 0.0 : loraDropout;
  }
}

package ai.brandtune.train.sft;

import static ai.brandtune.train.ConfigKeys.orElse;
import static ai.brandtune.train.ConfigKeys.requirePositive;

import ai.brandtune.BrandtuneException;
import ai.brandtune.train.ConfigKeys;
import ai.brandtune.train.LoopConfig;
import ai.brandtune.train.TrainingConfig;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code brandtune train sft} settings, one YAML key per component, named as TRL and LLaMA-Factory
 * name them (snake_case in the file); the shared loop's keys sit in the same flat file and land in
 * {@link #loop()}. Absent keys take the defaults documented in docs/training.md; every key is
 * listed there.
 */
public record SftConfig(
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
    String truncation,
    Boolean packing,
    Boolean groupByLength,
    Boolean trainOnPrompt,
    Map<String, Object> chatTemplateKwargs,
    String onBadRecord,
    @JsonUnwrapped LoopConfig loop)
    implements TrainingConfig {

  /** SFT's loop defaults, as LLaMA-Factory's examples use them. */
  public static final LoopConfig.Defaults LOOP_DEFAULTS = new LoopConfig.Defaults(1e-4, 3);

  public SftConfig {
    if (modelNameOrPath == null || modelNameOrPath.isBlank()) {
      throw new BrandtuneException(
          "model_name_or_path is required (a Hugging Face model directory)");
    }
    if (dataset == null || dataset.isEmpty()) {
      throw new BrandtuneException("dataset is required (one or more JSONL files)");
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
    truncation = orElse(truncation, "truncate").toLowerCase(Locale.ROOT);
    packing = orElse(packing, false);
    groupByLength = orElse(groupByLength, true);
    trainOnPrompt = orElse(trainOnPrompt, false);
    chatTemplateKwargs = chatTemplateKwargs == null ? Map.of() : chatTemplateKwargs;
    onBadRecord = ConfigKeys.onBadRecord(onBadRecord);
    requirePositive("max_length", maxLength);
    requirePositive("lora_rank", loraRank);
    if (!truncation.equals("truncate") && !truncation.equals("drop")) {
      throw new BrandtuneException("truncation: '" + truncation + "' is not truncate or drop");
    }
  }

  public boolean lora() {
    return finetuningType.equals("lora");
  }
}

package ai.brandtune.io;

import java.util.List;

/**
 * What brandtune reads from and writes to a PEFT LoRA {@code adapter_config.json}, under PEFT's own
 * field meanings. Settings PEFT has but brandtune does not support (DoRA, per-layer rank patterns,
 * trained biases) are rejected when reading rather than silently ignored. Whole saved modules
 * ({@code modules_to_save}) are read; only a reward model's loader accepts one, its {@code score}
 * head.
 *
 * @param r the LoRA rank
 * @param loraAlpha the scaling numerator: scaling is {@code alpha / r}, or {@code alpha / sqrt(r)}
 *     with {@code useRslora}
 * @param loraDropout dropout on the adapter's input while training
 * @param targetModules module names or name suffixes (PEFT matches a module when its name equals an
 *     entry or ends with {@code "." + entry}), or the single entry {@code all-linear}; empty when
 *     {@code targetModulesPattern} is set
 * @param targetModulesPattern a regular expression PEFT matches against whole module names (the
 *     file held a string other than {@code all-linear}); null otherwise
 * @param useRslora rank-stabilized scaling
 * @param baseModelNameOrPath the base model the adapter was trained on; may be null
 * @param taskType PEFT's task type ({@code CAUSAL_LM} for language models); may be null
 */
public record PeftAdapterConfig(
    int r,
    double loraAlpha,
    double loraDropout,
    List<String> targetModules,
    String targetModulesPattern,
    boolean useRslora,
    String baseModelNameOrPath,
    String taskType,
    List<String> modulesToSave) {

  /** PEFT's task type for decoder-only language models. */
  public static final String CAUSAL_LM = "CAUSAL_LM";

  /** PEFT's task type for sequence classification, which reward models are. */
  public static final String SEQ_CLS = "SEQ_CLS";

  public PeftAdapterConfig {
    targetModules = targetModules == null ? List.of() : List.copyOf(targetModules);
    modulesToSave = modulesToSave == null ? List.of() : List.copyOf(modulesToSave);
  }

  /** An adapter that saves no whole modules, as for a causal LM. */
  public PeftAdapterConfig(
      int r,
      double loraAlpha,
      double loraDropout,
      List<String> targetModules,
      String targetModulesPattern,
      boolean useRslora,
      String baseModelNameOrPath,
      String taskType) {
    this(
        r,
        loraAlpha,
        loraDropout,
        targetModules,
        targetModulesPattern,
        useRslora,
        baseModelNameOrPath,
        taskType,
        List.of());
  }
}

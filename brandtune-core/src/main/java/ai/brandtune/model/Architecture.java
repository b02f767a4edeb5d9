package ai.brandtune.model;

import ai.brandtune.BrandtuneException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The decoder families brandtune runs. They share one forward pass and differ in a few switches:
 * Qwen2 has q/k/v biases, Qwen3 normalizes each head's q and k, Llama has neither.
 */
public enum Architecture {
  LLAMA("llama", "LlamaForCausalLM", "LlamaForSequenceClassification", false, false),
  QWEN2("qwen2", "Qwen2ForCausalLM", "Qwen2ForSequenceClassification", true, false),
  QWEN3("qwen3", "Qwen3ForCausalLM", "Qwen3ForSequenceClassification", false, true);

  private final String modelType;
  private final String causalLmClass;
  private final String sequenceClassificationClass;
  private final boolean qkvBias;
  private final boolean qkNorm;

  Architecture(
      String modelType,
      String causalLmClass,
      String sequenceClassificationClass,
      boolean qkvBias,
      boolean qkNorm) {
    this.modelType = modelType;
    this.causalLmClass = causalLmClass;
    this.sequenceClassificationClass = sequenceClassificationClass;
    this.qkvBias = qkvBias;
    this.qkNorm = qkNorm;
  }

  /** HF {@code model_type}, e.g. {@code qwen3}. */
  public String modelType() {
    return modelType;
  }

  /** HF class name in {@code architectures}, e.g. {@code Qwen3ForCausalLM}. */
  public String causalLmClass() {
    return causalLmClass;
  }

  public String sequenceClassificationClass() {
    return sequenceClassificationClass;
  }

  public boolean qkvBias() {
    return qkvBias;
  }

  public boolean qkNorm() {
    return qkNorm;
  }

  /** Accepts a model_type ({@code qwen3}) or an HF class name ({@code Qwen3ForCausalLM}). */
  public static Architecture parse(String name) {
    for (Architecture a : values()) {
      if (a.modelType.equalsIgnoreCase(name)
          || a.causalLmClass.equals(name)
          || a.sequenceClassificationClass.equals(name)
          || a.name().equals(name.toUpperCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new BrandtuneException(
        "unsupported architecture '"
            + name
            + "': supported are "
            + Arrays.stream(values())
                .map(Architecture::modelType)
                .collect(Collectors.joining(", ")));
  }
}

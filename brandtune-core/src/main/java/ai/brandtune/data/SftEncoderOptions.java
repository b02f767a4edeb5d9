package ai.brandtune.data;

import ai.brandtune.BrandtuneException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link SftEncoder} turns conversations into training examples.
 *
 * @param maxLength most tokens per example (YAML {@code max_length}), at least 2
 * @param truncation what to do with longer examples
 * @param trainOnPrompt label every token, prompts included (LLaMA-Factory's {@code
 *     train_on_prompt}); by default only assistant turns and their end-of-turn tokens
 * @param chatTemplateKwargs extra chat-template variables, e.g. {@code enable_thinking: false}
 *     (TRL's {@code chat_template_kwargs}); never null
 */
public record SftEncoderOptions(
    int maxLength,
    TruncationPolicy truncation,
    boolean trainOnPrompt,
    Map<String, Object> chatTemplateKwargs) {

  /** TRL's SFT default {@code max_length}. */
  public static final int DEFAULT_MAX_LENGTH = 1024;

  public SftEncoderOptions {
    if (maxLength < 2) {
      throw new BrandtuneException("max_length must be at least 2, got " + maxLength);
    }
    if (truncation == null) {
      throw new IllegalArgumentException("truncation policy is null");
    }
    chatTemplateKwargs =
        chatTemplateKwargs == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(chatTemplateKwargs));
  }

  /** max_length 1024, truncate, assistant turns only, no template variables. */
  public static SftEncoderOptions defaults() {
    return new SftEncoderOptions(DEFAULT_MAX_LENGTH, TruncationPolicy.TRUNCATE, false, Map.of());
  }

  public SftEncoderOptions withMaxLength(int value) {
    return new SftEncoderOptions(value, truncation, trainOnPrompt, chatTemplateKwargs);
  }

  public SftEncoderOptions withTruncation(TruncationPolicy value) {
    return new SftEncoderOptions(maxLength, value, trainOnPrompt, chatTemplateKwargs);
  }

  public SftEncoderOptions withTrainOnPrompt(boolean value) {
    return new SftEncoderOptions(maxLength, truncation, value, chatTemplateKwargs);
  }

  public SftEncoderOptions withChatTemplateKwargs(Map<String, Object> value) {
    return new SftEncoderOptions(maxLength, truncation, trainOnPrompt, value);
  }
}

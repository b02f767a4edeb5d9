package ai.brandtune.data;

import ai.brandtune.BrandtuneException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link PreferenceEncoder} turns preference records into tokens (TRL's DPO/reward keys).
 *
 * @param maxLength most tokens of prompt plus one completion (YAML {@code max_length}), at least 2
 * @param maxPromptLength most prompt tokens (YAML {@code max_prompt_length}), kept from the end; at
 *     least 1 and below {@code maxLength}, so every completion keeps at least one token
 * @param chatTemplateKwargs extra chat-template variables, e.g. {@code enable_thinking: false}
 *     (TRL's {@code chat_template_kwargs}); never null
 */
public record PreferenceEncoderOptions(
    int maxLength, int maxPromptLength, Map<String, Object> chatTemplateKwargs) {

  /** TRL's DPO default {@code max_length}. */
  public static final int DEFAULT_MAX_LENGTH = 1024;

  /** TRL's DPO default {@code max_prompt_length}. */
  public static final int DEFAULT_MAX_PROMPT_LENGTH = 512;

  public PreferenceEncoderOptions {
    if (maxLength < 2) {
      throw new BrandtuneException("max_length must be at least 2, got " + maxLength);
    }
    if (maxPromptLength < 1 || maxPromptLength >= maxLength) {
      throw new BrandtuneException(
          "max_prompt_length must be at least 1 and below max_length ("
              + maxLength
              + ") so every completion keeps a token, got "
              + maxPromptLength);
    }
    chatTemplateKwargs =
        chatTemplateKwargs == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(chatTemplateKwargs));
  }

  /** max_length 1024, max_prompt_length 512, no template variables. */
  public static PreferenceEncoderOptions defaults() {
    return new PreferenceEncoderOptions(DEFAULT_MAX_LENGTH, DEFAULT_MAX_PROMPT_LENGTH, Map.of());
  }

  public PreferenceEncoderOptions withMaxLength(int value) {
    return new PreferenceEncoderOptions(value, maxPromptLength, chatTemplateKwargs);
  }

  public PreferenceEncoderOptions withMaxPromptLength(int value) {
    return new PreferenceEncoderOptions(maxLength, value, chatTemplateKwargs);
  }

  public PreferenceEncoderOptions withChatTemplateKwargs(Map<String, Object> value) {
    return new PreferenceEncoderOptions(maxLength, maxPromptLength, value);
  }
}

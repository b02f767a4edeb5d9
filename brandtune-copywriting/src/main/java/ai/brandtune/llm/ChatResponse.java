package ai.brandtune.llm;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The first choice of one chat completion: what the cache stores and callers read.
 *
 * @param content the assistant's text
 * @param finishReason {@code stop}, {@code length} (cut at max_tokens), ...; null if not reported
 * @param model the model that answered, as the server names it
 * @param usage tokens the server reported for this answer
 * @param logprobs per-token log-probabilities when requested, else empty
 */
public record ChatResponse(
    String content,
    String finishReason,
    String model,
    TokenUsage usage,
    List<TokenLogprob> logprobs) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ChatResponse {
    content = content == null ? "" : content;
    usage = usage == null ? TokenUsage.NONE : usage;
    logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
  }

  /** Whether generation stopped at the token limit, so the text may be cut short. */
  public boolean truncated() {
    return "length".equals(finishReason);
  }

  /** The content parsed as JSON, for JSON-mode requests. */
  public JsonNode json() {
    try {
      return JSON.readTree(content);
    } catch (JsonProcessingException e) {
      throw new BrandtuneException(
          "the model's answer is not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }
}

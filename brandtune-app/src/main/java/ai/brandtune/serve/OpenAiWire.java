package ai.brandtune.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Response bodies of the OpenAI-compatible API, field for field as OpenAI names them (the server's
 * mapper writes them in snake_case). Kept apart from core types so the wire format never changes
 * when internals do.
 */
public final class OpenAiWire {
  private OpenAiWire() {}

  public record ErrorResponse(ErrorDetail error) {}

  /** {@code param} and {@code code} are written as null when absent, as OpenAI does. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ErrorDetail(String message, String type, String param, String code) {}

  public record Usage(int promptTokens, int completionTokens, int totalTokens) {}

  public record Message(String role, String content) {}

  public record Choice(int index, Message message, Object logprobs, String finishReason) {}

  public record ChatCompletion(
      String id,
      String object,
      long created,
      String model,
      List<Choice> choices,
      Usage usage,
      String systemFingerprint) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Delta(String role, String content) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ChunkChoice(int index, Delta delta, Object logprobs, String finishReason) {}

  /** A streamed piece; {@code usage} only in the last chunk when the client asked for it. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ChatCompletionChunk(
      String id,
      String object,
      long created,
      String model,
      List<ChunkChoice> choices,
      Usage usage) {}

  public record Model(String id, String object, long created, String ownedBy) {}

  public record ModelList(String object, List<Model> data) {}
}

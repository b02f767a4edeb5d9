package ai.brandtune.llm;

/**
 * The outcome of one request of a batch: an answer or the failure it gave up with. A batch returns
 * one result per request, in the requests' order, so a caller records failures and goes on.
 *
 * @param index the request's position in the batch (0 for a single request)
 * @param response the answer, or null when the request failed
 * @param failure why it failed, or null when it succeeded
 * @param attempts HTTP attempts made (0 when the answer came from the cache)
 * @param cached whether the answer came from the cache, costing nothing
 */
public record ChatResult(
    int index, ChatResponse response, LlmFailure failure, int attempts, boolean cached) {

  public ChatResult {
    if ((response == null) == (failure == null)) {
      throw new IllegalArgumentException("a result holds either a response or a failure");
    }
  }

  public boolean ok() {
    return response != null;
  }

  /** The answer's text; throws {@link LlmException} with the failure's message if it failed. */
  public String content() {
    return orThrow().content();
  }

  /** The answer; throws {@link LlmException} with the failure's message if it failed. */
  public ChatResponse orThrow() {
    if (failure != null) {
      throw new LlmException(failure, attempts);
    }
    return response;
  }
}

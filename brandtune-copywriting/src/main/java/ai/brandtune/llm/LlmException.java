package ai.brandtune.llm;

import ai.brandtune.BrandtuneException;

/**
 * A request gave up: the message names the endpoint, the HTTP status or error, and the attempts
 * made; {@link #failure()} holds the details. It never carries the API key, nor the transport's
 * exception (whose text may quote a server's answer).
 */
public final class LlmException extends BrandtuneException {
  private final transient LlmFailure failure;

  public LlmException(LlmFailure failure, int attempts) {
    super(failure.message() + (attempts > 1 ? " (gave up after " + attempts + " attempts)" : ""));
    this.failure = failure;
  }

  public LlmFailure failure() {
    return failure;
  }
}

package ai.brandtune.llm;

/**
 * One failed attempt: its kind, HTTP status (0 if none), the server's {@code Retry-After} and
 * {@code Retry-After-Ms} headers (null if absent) and a message that names the endpoint and status.
 * Built only from redacted text, and without a cause, so it cannot carry the API key.
 */
final class TransportException extends Exception {
  private final LlmFailure.Kind kind;
  private final int status;
  private final String retryAfter;
  private final String retryAfterMs;

  TransportException(
      LlmFailure.Kind kind, int status, String retryAfter, String retryAfterMs, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.retryAfterMs = retryAfterMs;
  }

  TransportException(LlmFailure.Kind kind, String message) {
    this(kind, 0, null, null, message);
  }

  LlmFailure.Kind kind() {
    return kind;
  }

  int status() {
    return status;
  }

  String retryAfter() {
    return retryAfter;
  }

  String retryAfterMs() {
    return retryAfterMs;
  }

  LlmFailure toFailure() {
    return new LlmFailure(kind, status, getMessage());
  }
}

package ai.brandtune.llm;

/**
 * Why a request gave up: the kind of the last error, its HTTP status (0 when there was none) and a
 * message naming the endpoint and the status. Messages never hold the API key.
 */
public record LlmFailure(Kind kind, int status, String message) {

  /** The last error's kind; all but {@link #REJECTED} and {@link #INTERRUPTED} are retried. */
  public enum Kind {
    /** 429, 408, 409 or 5xx: retried, and still failing at the last attempt. */
    HTTP_STATUS,
    /** Any other HTTP status (400, 401, 403, 404, 422...): the request itself is wrong. */
    REJECTED,
    /** The attempt ran past {@code timeout}. */
    TIMEOUT,
    /** The connection failed (refused, reset, DNS). */
    CONNECTION,
    /** A 2xx answer that cannot be used: no choices, or not JSON in JSON mode. */
    INVALID_RESPONSE,
    /** The waiting thread was interrupted (Ctrl-C). */
    INTERRUPTED
  }
}

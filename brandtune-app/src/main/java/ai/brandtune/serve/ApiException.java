package ai.brandtune.serve;

/**
 * A request the server answers with an OpenAI-style error: {@code {"error": {"message", "type",
 * "param", "code"}}} and an HTTP status. Messages say what to change; they never carry stack traces
 * or secrets.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String param;
  private final String code;
  private final Integer retryAfterSeconds;

  public ApiException(int status, String type, String message, String param, String code) {
    this(status, type, message, param, code, null);
  }

  private ApiException(
      int status, String type, String message, String param, String code, Integer retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
    this.retryAfterSeconds = retryAfter;
  }

  /** 400: a field is missing, of the wrong type or out of range. */
  public static ApiException invalid(String param, String message) {
    return new ApiException(400, "invalid_request_error", message, param, "invalid_value");
  }

  public static ApiException unauthorized() {
    return new ApiException(
        401,
        "invalid_request_error",
        "Missing or incorrect API key: send 'Authorization: Bearer <key>'.",
        null,
        "invalid_api_key");
  }

  public static ApiException notFound(String message, String param, String code) {
    return new ApiException(404, "invalid_request_error", message, param, code);
  }

  public static ApiException tooLarge(long limit) {
    return new ApiException(
        413,
        "invalid_request_error",
        "Request body is larger than the server's limit of " + limit + " bytes.",
        null,
        "request_too_large");
  }

  public static ApiException busy(int retryAfterSeconds) {
    return new ApiException(
        429,
        "rate_limit_error",
        "The server is busy: its request queue is full. Retry after " + retryAfterSeconds + " s.",
        null,
        "queue_full",
        retryAfterSeconds);
  }

  public static ApiException timeout(long seconds) {
    return new ApiException(
        408,
        "timeout_error",
        "The request did not finish within the server's timeout of " + seconds + " s.",
        null,
        "timeout");
  }

  public static ApiException internal() {
    return new ApiException(
        500, "server_error", "The server failed to process the request.", null, null);
  }

  public int status() {
    return status;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The wire body. */
  public OpenAiWire.ErrorResponse body() {
    return new OpenAiWire.ErrorResponse(
        new OpenAiWire.ErrorDetail(getMessage(), type, param, code));
  }
}

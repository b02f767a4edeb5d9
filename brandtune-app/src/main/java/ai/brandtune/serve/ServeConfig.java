package ai.brandtune.serve;

import ai.brandtune.BrandtuneException;
import java.time.Duration;

/**
 * How the server listens and what it accepts.
 *
 * @param host interface to bind; 127.0.0.1 keeps the server local unless asked otherwise
 * @param port TCP port; 0 picks a free one (tests, benchmarks)
 * @param apiKey when non-null, every {@code /v1} and {@code /api} call needs {@code Authorization:
 *     Bearer <key>}; never logged
 * @param modelId the name {@code /v1/models} lists and requests must use
 * @param maxTokens the largest {@code max_tokens} a request may ask for, and the default
 * @param maxN the largest {@code n}
 * @param queueSize requests waiting for the model thread beyond which new ones get 429
 * @param maxBatchRows rows (requests times {@code n}) generated together in one batch
 * @param timeout how long a request may wait and generate before it is cancelled
 * @param maxRequestBytes largest request body; larger ones get 413
 */
public record ServeConfig(
    String host,
    int port,
    String apiKey,
    String modelId,
    int maxTokens,
    int maxN,
    int queueSize,
    int maxBatchRows,
    Duration timeout,
    long maxRequestBytes) {

  public ServeConfig {
    require(port >= 0 && port <= 65535, "--port", port, "must be in 0..65535");
    require(maxTokens >= 1, "--max-tokens", maxTokens, "must be at least 1");
    require(maxN >= 1, "--max-n", maxN, "must be at least 1");
    require(queueSize >= 1, "--queue-size", queueSize, "must be at least 1");
    require(
        maxBatchRows >= maxN,
        "--max-batch-rows",
        maxBatchRows,
        "must be at least --max-n (" + maxN + "), or a request with n = --max-n could never run");
    require(!timeout.isNegative() && !timeout.isZero(), "--timeout", timeout, "must be positive");
    require(maxRequestBytes >= 1024, "--max-request-bytes", maxRequestBytes, "must be >= 1024");
    if (apiKey != null && apiKey.isBlank()) {
      throw new BrandtuneException("the API key is empty; set the variable to a non-empty key");
    }
  }

  /** Defaults for a local server of {@code modelId}. */
  public static ServeConfig defaults(String modelId) {
    return new ServeConfig(
        "127.0.0.1", 8000, null, modelId, 512, 8, 64, 32, Duration.ofSeconds(120), 1 << 20);
  }

  public ServeConfig withPort(int p) {
    return new ServeConfig(
        host,
        p,
        apiKey,
        modelId,
        maxTokens,
        maxN,
        queueSize,
        maxBatchRows,
        timeout,
        maxRequestBytes);
  }

  public ServeConfig withApiKey(String key) {
    return new ServeConfig(
        host,
        port,
        key,
        modelId,
        maxTokens,
        maxN,
        queueSize,
        maxBatchRows,
        timeout,
        maxRequestBytes);
  }

  public ServeConfig withLimits(int tokens, int n, int queue, int batchRows, Duration t) {
    return new ServeConfig(
        host, port, apiKey, modelId, tokens, n, queue, batchRows, t, maxRequestBytes);
  }

  @Override
  public String toString() {
    // the key must never reach a log line through this record
    return "ServeConfig[host="
        + host
        + ", port="
        + port
        + ", apiKey="
        + (apiKey == null ? "none" : "set")
        + ", modelId="
        + modelId
        + ", maxTokens="
        + maxTokens
        + ", maxN="
        + maxN
        + ", queueSize="
        + queueSize
        + ", maxBatchRows="
        + maxBatchRows
        + ", timeout="
        + timeout
        + ", maxRequestBytes="
        + maxRequestBytes
        + "]";
  }

  private static void require(boolean ok, String flag, Object value, String why) {
    if (!ok) {
      throw new BrandtuneException(flag + " " + value + ": " + why);
    }
  }
}

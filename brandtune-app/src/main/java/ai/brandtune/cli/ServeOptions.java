package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.serve.ServeConfig;
import java.time.Duration;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/** Where {@code brandtune serve} listens, who may call it and how much it accepts. */
final class ServeOptions {
  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "HOST",
      description = "Interface to bind; 0.0.0.0 exposes the server to the network.")
  String host;

  @Option(names = "--port", defaultValue = "8000", paramLabel = "PORT", description = "TCP port.")
  int port;

  @Option(
      names = "--api-key-env",
      paramLabel = "NAME",
      description =
          "Name of an environment variable holding the API key; then every /v1 and /api call"
              + " needs 'Authorization: Bearer <key>'. The key itself is never logged.")
  String apiKeyEnv;

  @Option(
      names = "--model-name",
      paramLabel = "NAME",
      description =
          "Model id for /v1/models and the 'model' field. Default: the model directory's name.")
  String modelName;

  @Option(
      names = "--max-tokens",
      defaultValue = "512",
      paramLabel = "N",
      description = "Largest max_tokens a request may ask for, and the default.")
  int maxTokens;

  @Option(names = "--max-n", defaultValue = "8", paramLabel = "N", description = "Largest n.")
  int maxN;

  @Option(
      names = "--queue-size",
      defaultValue = "64",
      paramLabel = "N",
      description = "Requests that may wait for the model; beyond that new ones get 429.")
  int queueSize;

  @Option(
      names = "--max-batch-rows",
      defaultValue = "32",
      paramLabel = "N",
      description = "Rows (requests times n) generated together in shared decode steps.")
  int maxBatchRows;

  @Option(
      names = "--timeout",
      defaultValue = "120",
      paramLabel = "SECONDS",
      description = "How long a request may wait and generate before it is cancelled (408).")
  int timeoutSeconds;

  @Option(
      names = "--max-request-bytes",
      defaultValue = "1048576",
      paramLabel = "BYTES",
      description = "Largest request body; larger ones get 413.")
  long maxRequestBytes;

  ServeConfig config(String defaultModelId, UnaryOperator<String> env) {
    String key = null;
    if (apiKeyEnv != null) {
      key = env.apply(apiKeyEnv);
      if (key == null || key.isBlank()) {
        throw new BrandtuneException(
            "--api-key-env "
                + apiKeyEnv
                + ": the environment variable is not set or empty; export it with the key");
      }
    }
    if (timeoutSeconds < 1) {
      throw new BrandtuneException("--timeout " + timeoutSeconds + ": must be at least 1 second");
    }
    return new ServeConfig(
        host,
        port,
        key,
        modelName != null ? modelName : defaultModelId,
        maxTokens,
        maxN,
        queueSize,
        maxBatchRows,
        Duration.ofSeconds(timeoutSeconds),
        maxRequestBytes);
  }
}

package ai.brandtune.llm;

import ai.brandtune.BrandtuneException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How to reach one OpenAI-compatible chat model and how to treat it: endpoint, model, default
 * sampling, retries, concurrency, cache and prices. One YAML key per component (snake_case in the
 * file, listed in docs/data.md "Teacher and judge LLMs"); absent keys take the defaults set here.
 *
 * <p>The record holds the <em>name</em> of the environment variable with the API key ({@code
 * api_key_env}), never the key, so printing or saving a config cannot leak it.
 *
 * @param baseUrl the API root that {@code /chat/completions} is appended to, e.g. {@code
 *     http://localhost:8000/v1}
 * @param model the model name the server knows
 * @param apiKeyEnv the environment variable holding the API key; null or empty for servers that
 *     need none (a local vLLM or Ollama)
 * @param temperature sampling temperature; null leaves the server's default
 * @param topP nucleus sampling; null leaves the server's default
 * @param maxTokens the most tokens to generate (sent as {@code max_tokens}); null for none
 * @param seed sampling seed, for servers that honour it; null for none
 * @param jsonMode ask for a JSON object ({@code response_format: {"type": "json_object"}}); an
 *     answer that is not JSON then counts as a failed attempt
 * @param timeout seconds one attempt may take, connection to last byte
 * @param maxAttempts attempts per request, the first included, before the item is a failure
 * @param backoffBase seconds before the first retry; doubled for each later one
 * @param backoffMax the longest backoff, in seconds
 * @param maxRetryAfter the longest wait a server's {@code Retry-After} may impose, in seconds
 * @param concurrency requests in flight at once
 * @param cache whether answers are cached on disk
 * @param cacheDir where; default {@code $XDG_CACHE_HOME/brandtune/llm} (or {@code
 *     ~/.cache/brandtune/llm}), shared by all runs so no run pays twice for the same request
 * @param prices per-model prices for the cost estimate, keyed by model name
 * @param currency the unit of {@code prices}, shown next to costs
 * @param progress whether batches show a progress bar on stderr
 */
public record LlmConfig(
    String baseUrl,
    String model,
    String apiKeyEnv,
    Double temperature,
    Double topP,
    Integer maxTokens,
    Long seed,
    Boolean jsonMode,
    Double timeout,
    Integer maxAttempts,
    Double backoffBase,
    Double backoffMax,
    Double maxRetryAfter,
    Integer concurrency,
    Boolean cache,
    String cacheDir,
    Map<String, ModelPrice> prices,
    String currency,
    Boolean progress) {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public LlmConfig {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new BrandtuneException(
          "base_url is required (the API root, e.g. http://localhost:8000/v1)");
    }
    baseUrl = stripTrailingSlashes(baseUrl.trim());
    requireHttpUrl(baseUrl);
    if (model == null || model.isBlank()) {
      throw new BrandtuneException("model is required (the model name the server knows)");
    }
    if (apiKeyEnv != null && apiKeyEnv.isBlank()) {
      apiKeyEnv = null;
    }
    if (apiKeyEnv != null && (!ENV_NAME.matcher(apiKeyEnv).matches() || looksLikeKey(apiKeyEnv))) {
      // the value may be a pasted key: never echo it
      throw new BrandtuneException(
          "api_key_env must be the NAME of the environment variable that holds the key (letters,"
              + " digits and _, e.g. DEEPSEEK_API_KEY), not the key itself");
    }
    jsonMode = orElse(jsonMode, false);
    timeout = orElse(timeout, 120.0);
    maxAttempts = orElse(maxAttempts, 5);
    backoffBase = orElse(backoffBase, 1.0);
    backoffMax = orElse(backoffMax, 60.0);
    maxRetryAfter = orElse(maxRetryAfter, 120.0);
    concurrency = orElse(concurrency, 4);
    cache = orElse(cache, true);
    cacheDir = cacheDir == null || cacheDir.isBlank() ? defaultCacheDir() : cacheDir;
    prices = prices == null ? Map.of() : Map.copyOf(new TreeMap<>(prices));
    currency = orElse(currency, "USD");
    progress = orElse(progress, true);
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      throw new BrandtuneException("temperature: " + temperature + " must be within [0, 2]");
    }
    if (topP != null && (topP <= 0 || topP > 1)) {
      throw new BrandtuneException("top_p: " + topP + " must be within (0, 1]");
    }
    if (maxTokens != null && maxTokens < 1) {
      throw new BrandtuneException("max_tokens: must be >= 1, got " + maxTokens);
    }
    if (!(timeout > 0)) {
      throw new BrandtuneException("timeout: must be > 0 seconds, got " + timeout);
    }
    requireAtLeastOne("max_attempts", maxAttempts);
    requireAtLeastOne("concurrency", concurrency);
    requireNonNegative("backoff_base", backoffBase);
    requireNonNegative("backoff_max", backoffMax);
    requireNonNegative("max_retry_after", maxRetryAfter);
    for (var e : prices.entrySet()) {
      if (e.getValue() == null) {
        throw new BrandtuneException("prices: " + e.getKey() + " has no price");
      }
    }
  }

  /** A config with every optional key at its default. */
  public static Builder builder(String baseUrl, String model) {
    return new Builder(baseUrl, model);
  }

  /** A builder holding this config's values, to change a few. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@code <base_url>/chat/completions}, the URL errors and logs name. */
  public String endpoint() {
    return baseUrl + "/chat/completions";
  }

  public Duration timeoutDuration() {
    return seconds(timeout);
  }

  public Path cachePath() {
    return Path.of(cacheDir);
  }

  static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }

  private static String defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path root =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return root.resolve("brandtune").resolve("llm").toString();
  }

  /** Variable names are short words joined by '_'; a long token without one is likely a key. */
  private static boolean looksLikeKey(String name) {
    return name.length() >= 24 && name.indexOf('_') < 0;
  }

  private static String stripTrailingSlashes(String url) {
    String s = url;
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static void requireHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null) {
        throw new BrandtuneException(
            "base_url: '" + url + "' is not an http(s) URL (e.g. http://localhost:8000/v1)");
      }
      if (uri.getUserInfo() != null || uri.getQuery() != null) {
        // credentials belong in api_key_env, where they are kept out of logs and files
        throw new BrandtuneException(
            "base_url: must not carry credentials or a query; put the key in the environment"
                + " variable named by api_key_env");
      }
    } catch (URISyntaxException e) {
      throw new BrandtuneException(
          "base_url: '" + url + "' is not a valid URL (" + e.getReason() + ")");
    }
  }

  private static <V> V orElse(V value, V fallback) {
    return value == null ? fallback : value;
  }

  private static void requireAtLeastOne(String key, int value) {
    if (value < 1) {
      throw new BrandtuneException(key + ": must be >= 1, got " + value);
    }
  }

  private static void requireNonNegative(String key, double value) {
    if (!(value >= 0)) {
      throw new BrandtuneException(key + ": must be >= 0 seconds, got " + value);
    }
  }

  /** Fluent construction for code (tests, stages that build a judge config). */
  public static final class Builder {
    private String baseUrl;
    private String model;
    private String apiKeyEnv;
    private Double temperature;
    private Double topP;
    private Integer maxTokens;
    private Long seed;
    private Boolean jsonMode;
    private Double timeout;
    private Integer maxAttempts;
    private Double backoffBase;
    private Double backoffMax;
    private Double maxRetryAfter;
    private Integer concurrency;
    private Boolean cache;
    private String cacheDir;
    private Map<String, ModelPrice> prices;
    private String currency;
    private Boolean progress;

    private Builder(String baseUrl, String model) {
      this.baseUrl = baseUrl;
      this.model = model;
    }

    private Builder(LlmConfig c) {
      this(c.baseUrl, c.model);
      apiKeyEnv = c.apiKeyEnv;
      temperature = c.temperature;
      topP = c.topP;
      maxTokens = c.maxTokens;
      seed = c.seed;
      jsonMode = c.jsonMode;
      timeout = c.timeout;
      maxAttempts = c.maxAttempts;
      backoffBase = c.backoffBase;
      backoffMax = c.backoffMax;
      maxRetryAfter = c.maxRetryAfter;
      concurrency = c.concurrency;
      cache = c.cache;
      cacheDir = c.cacheDir;
      prices = c.prices;
      currency = c.currency;
      progress = c.progress;
    }

    public Builder baseUrl(String v) {
      baseUrl = v;
      return this;
    }

    public Builder model(String v) {
      model = v;
      return this;
    }

    public Builder apiKeyEnv(String v) {
      apiKeyEnv = v;
      return this;
    }

    public Builder temperature(Double v) {
      temperature = v;
      return this;
    }

    public Builder topP(Double v) {
      topP = v;
      return this;
    }

    public Builder maxTokens(Integer v) {
      maxTokens = v;
      return this;
    }

    public Builder seed(Long v) {
      seed = v;
      return this;
    }

    public Builder jsonMode(boolean v) {
      jsonMode = v;
      return this;
    }

    public Builder timeout(double seconds) {
      timeout = seconds;
      return this;
    }

    public Builder maxAttempts(int v) {
      maxAttempts = v;
      return this;
    }

    public Builder backoffBase(double seconds) {
      backoffBase = seconds;
      return this;
    }

    public Builder backoffMax(double seconds) {
      backoffMax = seconds;
      return this;
    }

    public Builder maxRetryAfter(double seconds) {
      maxRetryAfter = seconds;
      return this;
    }

    public Builder concurrency(int v) {
      concurrency = v;
      return this;
    }

    public Builder cache(boolean v) {
      cache = v;
      return this;
    }

    public Builder cacheDir(Path v) {
      cacheDir = v == null ? null : v.toString();
      return this;
    }

    public Builder prices(Map<String, ModelPrice> v) {
      prices = v;
      return this;
    }

    public Builder currency(String v) {
      currency = v;
      return this;
    }

    public Builder progress(boolean v) {
      progress = v;
      return this;
    }

    public LlmConfig build() {
      return new LlmConfig(
          baseUrl,
          model,
          apiKeyEnv,
          temperature,
          topP,
          maxTokens,
          seed,
          jsonMode,
          timeout,
          maxAttempts,
          backoffBase,
          backoffMax,
          maxRetryAfter,
          concurrency,
          cache,
          cacheDir,
          prices,
          currency,
          progress);
    }
  }
}

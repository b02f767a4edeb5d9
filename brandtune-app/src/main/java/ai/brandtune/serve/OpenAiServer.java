package ai.brandtune.serve;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.train.reward.RewardScorer;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code brandtune serve}'s HTTP server: the OpenAI-compatible API under {@code /v1}, the studio's
 * API under {@code /api}, {@code /health}, and the studio's static files at {@code /}. Errors are
 * OpenAI-style JSON bodies with their proper statuses and never carry stack traces; request logs
 * name method, path, status and time, never headers (the API key travels in one).
 */
public final class OpenAiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpenAiServer.class);

  /** One line per request (method, path, status, time); benchmarks turn it off. */
  public static final String ACCESS_LOG = "ai.brandtune.serve.access";

  private static final Logger access = LoggerFactory.getLogger(ACCESS_LOG);
  static final String STUDIO_RESOURCES = "/ai/brandtune/serve/studio";

  private final ServeConfig config;
  private final ModelWorker worker;
  private final Javalin app;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private OpenAiServer(ServeConfig config, ModelWorker worker, Javalin app) {
    this.config = config;
    this.worker = worker;
    this.app = app;
  }

  /**
   * Starts serving {@code model}; {@code scorer} may be null (no reward scores in the studio).
   * Returns once the port is bound.
   */
  public static OpenAiServer start(
      ServeConfig config, ServedModel model, BrandKit kit, RewardScorer scorer) {
    ModelWorker worker = new ModelWorker(model, config.queueSize(), config.maxBatchRows());
    JobRunner runner = new JobRunner(worker, config);
    ChatCompletionsEndpoint chat = new ChatCompletionsEndpoint(config, model, runner);
    StudioEndpoints studio = new StudioEndpoints(config, model, runner, worker, kit, scorer);
    Javalin app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.startupWatcherEnabled = false;
              c.http.maxRequestSize = config.maxRequestBytes();
              c.http.disableCompression();
              c.staticFiles.add(
                  s -> {
                    s.hostedPath = "/";
                    s.directory = STUDIO_RESOURCES;
                    s.location = Location.CLASSPATH;
                  });
              c.requestLogger.http(
                  (ctx, ms) ->
                      access.info(
                          "{} {} {} {} ms",
                          ctx.method(),
                          ctx.path(),
                          ctx.statusCode(),
                          Math.round(ms)));
            });
    app.before("/v1/*", ctx -> authorize(ctx, config));
    app.before("/api/*", ctx -> authorize(ctx, config));
    app.get("/health", ctx -> WireJson.respond(ctx, 200, health(config, worker)));
    app.get("/v1/models", ctx -> WireJson.respond(ctx, 200, models(config)));
    app.get(
        "/v1/models/{id}",
        ctx -> {
          if (!ctx.pathParam("id").equals(config.modelId())) {
            throw ApiException.notFound(
                "The model '" + ctx.pathParam("id") + "' does not exist.",
                "model",
                "model_not_found");
          }
          WireJson.respond(ctx, 200, models(config).data().get(0));
        });
    app.post("/v1/chat/completions", chat::handle);
    app.get("/api/products", studio::products);
    app.get("/api/content-types", studio::contentTypes);
    app.post("/api/generate", studio::generate);
    app.exception(ApiException.class, OpenAiServer::sendError);
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> sendError(fromJavalin(e, ctx, config.maxRequestBytes()), ctx));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("{} {} failed", ctx.method(), ctx.path(), e);
          sendError(ApiException.internal(), ctx);
        });
    try {
      app.start(config.host(), config.port());
    } catch (RuntimeException e) {
      worker.close();
      throw new BrandtuneException(
          "could not listen on "
              + config.host()
              + ":"
              + config.port()
              + " ("
              + e.getMessage()
              + "); pick another --port or --host");
    }
    log.info(
        "serving {} on http://{}:{} (API key {})",
        config.modelId(),
        config.host(),
        app.port(),
        config.apiKey() == null ? "off" : "required");
    return new OpenAiServer(config, worker, app);
  }

  public int port() {
    return app.port();
  }

  public WorkerStats stats() {
    return worker.stats();
  }

  /** The model thread, for work that must run on it (tests, embedding applications). */
  public ModelWorker worker() {
    return worker;
  }

  public ServeConfig config() {
    return config;
  }

  /** Blocks until {@link #close()} (the CLI's foreground mode, ended by Ctrl-C). */
  public void join() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    app.stop();
    worker.close();
    stopped.countDown();
  }

  private static void authorize(Context ctx, ServeConfig config) {
    if (config.apiKey() == null) {
      return;
    }
    String header = ctx.header("Authorization");
    String expected = "Bearer " + config.apiKey();
    // constant-time, so response timing does not leak how much of a guess was right
    if (header == null
        || !MessageDigest.isEqual(
            header.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
      throw ApiException.unauthorized();
    }
  }

  private static void sendError(ApiException e, Context ctx) {
    if (e.retryAfterSeconds() != null) {
      ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
    }
    WireJson.respond(ctx, e.status(), e.body());
  }

  private static ApiException fromJavalin(HttpResponseException e, Context ctx, long limit) {
    return switch (e.getStatus()) {
      case 404 ->
          ApiException.notFound(
              "Unknown request URL: " + ctx.method() + " " + ctx.path() + ".", null, "unknown_url");
      case 405 ->
          new ApiException(
              405,
              "invalid_request_error",
              "Method " + ctx.method() + " is not allowed on " + ctx.path() + ".",
              null,
              "method_not_allowed");
      case 413 -> ApiException.tooLarge(limit);
      default ->
          new ApiException(e.getStatus(), "invalid_request_error", e.getMessage(), null, null);
    };
  }

  private static Map<String, Object> health(ServeConfig config, ModelWorker worker) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "ok");
    out.put("model", config.modelId());
    out.put("stats", worker.stats());
    return out;
  }

  private static OpenAiWire.ModelList models(ServeConfig config) {
    return new OpenAiWire.ModelList(
        "list", List.of(new OpenAiWire.Model(config.modelId(), "model", 0, "brandtune")));
  }
}

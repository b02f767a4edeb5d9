package ai.brandtune.llm;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat completions from one OpenAI-compatible endpoint, for the synthesis teacher and the LLM
 * judge: one request at a time ({@link #chat}, {@link #tryChat}) or a batch ({@link #chatAll})
 * whose results come back in the requests' order, each an answer or a recorded failure, so a run
 * goes on when an item gives up.
 *
 * <p>Around each request: the disk cache first (a hit costs nothing and sends nothing), then up to
 * {@code max_attempts} attempts with at most {@code concurrency} requests in flight, retrying per
 * {@link RetryPolicy}; every answer is cached and its tokens counted ({@link #usage()}).
 * Thread-safe: stages may share one client.
 *
 * <pre>{@code
 * try (LlmClient teacher = LlmClient.open(config)) {
 *   List<ChatResult> results = teacher.chatAll(requests, "generate", r -> {});
 *   for (ChatResult r : results) { if (r.ok()) write(r.content()); else recordFailure(r.failure()); }
 *   log.info(teacher.usage().summary());
 * }
 * }</pre>
 */
public final class LlmClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LlmClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LlmConfig config;
  private final ChatTransport transport;
  private final RetryPolicy retry;
  private final SecretRedactor redactor;
  private final ResponseCache cache;
  private final UsageMeter usage;
  private final Semaphore inFlight;

  LlmClient(LlmConfig config, ChatTransport transport, RetryPolicy retry, SecretRedactor redactor) {
    this.config = config;
    this.transport = transport;
    this.retry = retry;
    this.redactor = redactor;
    this.cache = config.cache() ? new ResponseCache(config.cachePath()) : null;
    this.usage = new UsageMeter(config.prices(), config.currency());
    this.inFlight = new Semaphore(config.concurrency(), true);
  }

  /** A client whose API key is read from the environment variable the config names. */
  public static LlmClient open(LlmConfig config) {
    return open(config, System::getenv);
  }

  /**
   * A client whose API key is looked up with {@code environment} (tests pass a map's {@code get}).
   *
   * @throws BrandtuneException naming the variable when the config names one that is unset
   */
  public static LlmClient open(LlmConfig config, Function<String, String> environment) {
    String key = null;
    if (config.apiKeyEnv() != null) {
      String name = config.apiKeyEnv();
      key = environment.apply(name);
      if (key == null || key.isBlank()) {
        throw new BrandtuneException(
            "api_key_env: the environment variable "
                + name
                + " is not set; export "
                + name
                + "=<your key> for "
                + config.endpoint()
                + " (or leave api_key_env empty for a server without keys)");
      }
      key = key.trim();
    }
    SecretRedactor redactor = new SecretRedactor(key);
    return new LlmClient(
        config, new OpenAiSdkTransport(config, key, redactor), RetryPolicy.of(config), redactor);
  }

  public LlmConfig config() {
    return config;
  }

  /** The disk cache, or empty when {@code cache: false}. */
  public Optional<ResponseCache> cache() {
    return Optional.ofNullable(cache);
  }

  /** Requests, tokens and estimated cost since this client opened. */
  public UsageReport usage() {
    return usage.report();
  }

  /**
   * One request's answer.
   *
   * @throws LlmException when it gave up; the message names the endpoint and the status
   */
  public ChatResponse chat(ChatRequest request) {
    return tryChat(request).orThrow();
  }

  /** One request's answer or the failure it gave up with. */
  public ChatResult tryChat(ChatRequest request) {
    return execute(0, 1, request);
  }

  /** {@link #chatAll(List, String, Consumer)} without a task name or a per-item callback. */
  public List<ChatResult> chatAll(List<ChatRequest> requests) {
    return chatAll(requests, "llm", r -> {});
  }

  /**
   * Every request's outcome, in the requests' order, with at most {@code concurrency} in flight and
   * a progress bar named {@code task}.
   *
   * @param onResult called as each item finishes (in completion order, one call at a time), e.g. to
   *     append it to an output file; an exception it throws stops the batch
   * @throws BrandtuneException when the thread is interrupted (answers so far are cached, so a
   *     rerun resumes)
   */
  public List<ChatResult> chatAll(
      List<ChatRequest> requests, String task, Consumer<ChatResult> onResult) {
    int n = requests.size();
    if (n == 0) {
      return List.of();
    }
    ChatResult[] results = new ChatResult[n];
    AtomicLong failed = new AtomicLong();
    AtomicLong cached = new AtomicLong();
    Object callbackLock = new Object();
    AtomicBoolean stopped = new AtomicBoolean();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(config.concurrency(), n), threads(task));
    try (BatchProgress progress = new BatchProgress(task, n, config.progress())) {
      List<Future<?>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  ChatResult r = execute(index, n, requests.get(index));
                  results[index] = r;
                  long f = r.ok() ? failed.get() : failed.incrementAndGet();
                  long c = r.cached() ? cached.incrementAndGet() : cached.get();
                  progress.itemDone(f, c, usage.report().estimatedCost(), config.currency());
                  synchronized (callbackLock) {
                    // an answer that lands after the batch stopped is cached, not reported
                    if (!stopped.get()) {
                      onResult.accept(r);
                    }
                  }
                  return null;
                }));
      }
      awaitAll(futures, task, stopped);
    } finally {
      pool.shutdownNow();
    }
    LOG.info(
        "{}: {} of {} answered ({} from cache), {} failed; {}",
        task,
        n - failed.get(),
        n,
        cached.get(),
        failed.get(),
        usage.report().summary());
    return Arrays.asList(results);
  }

  private static void awaitAll(List<Future<?>> futures, String task, AtomicBoolean stopped) {
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      stopped.set(true);
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new BrandtuneException(
          task + ": interrupted; the answers received so far are cached, a rerun resumes");
    } catch (ExecutionException e) {
      stopped.set(true);
      futures.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private ChatResult execute(int index, int total, ChatRequest request) {
    ResolvedRequest resolved = request.resolve(config);
    String model = resolved.model();
    String item = total > 1 ? "item " + (index + 1) + " of " + total + ": " : "";
    String key = cache == null ? null : ResponseCache.key(resolved);
    if (cache != null) {
      Optional<ChatResponse> hit = cache.get(key);
      if (hit.isPresent()) {
        usage.cacheHit(model);
        return new ChatResult(index, hit.get(), null, 0, true);
      }
    }
    for (int attempt = 1; ; attempt++) {
      try {
        ChatResponse response = sendOnce(resolved);
        if (cache != null) {
          cache.put(key, resolved, response);
        }
        return new ChatResult(index, response, null, attempt, false);
      } catch (TransportException e) {
        String what = redactor.redact(e.getMessage());
        if (!retry.shouldRetry(attempt, e)) {
          usage.failure(model);
          LOG.warn("{}{} (attempt {}/{}); giving up", item, what, attempt, retry.maxAttempts());
          return new ChatResult(index, null, e.toFailure(), attempt, false);
        }
        Duration wait = retry.delay(attempt, e);
        LOG.warn(
            "{}{} (attempt {}/{}); retrying in {} s",
            item,
            what,
            attempt,
            retry.maxAttempts(),
            String.format(Locale.ROOT, "%.2f", wait.toNanos() / 1e9));
        try {
          Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          usage.failure(model);
          return interrupted(index, attempt);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        usage.failure(model);
        return interrupted(index, attempt - 1);
      }
    }
  }

  /** One attempt under the concurrency bound; a JSON-mode answer that is not JSON fails it. */
  private ChatResponse sendOnce(ResolvedRequest request)
      throws TransportException, InterruptedException {
    inFlight.acquire();
    ChatResponse response;
    try {
      usage.requestSent(request.model());
      response = transport.send(request);
    } finally {
      inFlight.release();
    }
    usage.tokens(request.model(), response.usage());
    if (request.jsonMode() && !isJsonObject(response.content())) {
      throw new TransportException(
          LlmFailure.Kind.INVALID_RESPONSE,
          "POST "
              + config.endpoint()
              + " answered in JSON mode with text that is not a JSON object"
              + (response.truncated() ? " (cut at max_tokens)" : ""));
    }
    usage.response(request.model());
    return response;
  }

  private static boolean isJsonObject(String content) {
    try {
      JsonNode node = JSON.readTree(content);
      return node != null && node.isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private ChatResult interrupted(int index, int attempts) {
    return new ChatResult(
        index,
        null,
        new LlmFailure(
            LlmFailure.Kind.INTERRUPTED, 0, "POST " + config.endpoint() + " was interrupted"),
        Math.max(attempts, 1),
        false);
  }

  private static ThreadFactory threads(String task) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "llm-" + task + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "LlmClient[" + config.endpoint() + ", model " + config.model() + "]";
  }
}

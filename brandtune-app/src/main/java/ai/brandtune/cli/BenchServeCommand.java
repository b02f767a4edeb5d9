package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.serve.OpenAiServer;
import ai.brandtune.serve.ServeConfig;
import ai.brandtune.serve.ServedModel;
import ai.brandtune.serve.WorkerStats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brandtune bench serve}: starts the server in-process on a free port and drives it over
 * HTTP with streaming chat completions at each concurrency level, timing the first token and the
 * whole request as a client sees them.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Measure the server: requests/s, completion tokens/s, time to first token and latency"
          + " (p50/p95) of streaming chat completions at each concurrency level.",
      "The server runs in this process on 127.0.0.1 and a free port; clients are Java HTTP clients."
    })
final class BenchServeCommand implements Callable<Integer> {
  private static final JsonNode NONE = Json.object();

  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin ModelOptions model;

  @Option(
      names = "--concurrency",
      split = ",",
      defaultValue = "1,4,16",
      paramLabel = "C[,C...]",
      description = "Concurrent clients, comma-separated levels.")
  List<Integer> concurrency;

  @Option(
      names = "--requests",
      defaultValue = "64",
      paramLabel = "N",
      description = "Requests per level (after --warmup untimed ones).")
  int requests;

  @Option(
      names = "--warmup",
      defaultValue = "16",
      paramLabel = "N",
      description = "Untimed requests per level before measuring (JIT, allocator, caches).")
  int warmup;

  @Option(
      names = "--max-tokens",
      defaultValue = "32",
      paramLabel = "N",
      description = "max_tokens of every request.")
  int maxTokens;

  @Option(
      names = "--max-batch-rows",
      defaultValue = "32",
      paramLabel = "N",
      description = "The server's --max-batch-rows.")
  int maxBatchRows;

  @Option(
      names = "--json",
      description = "Print the results as one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (concurrency.isEmpty() || concurrency.stream().anyMatch(c -> c < 1)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--concurrency: each level must be at least 1");
    }
    if (requests < 1 || warmup < 0 || maxTokens < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--requests and --max-tokens must be >= 1, --warmup >= 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    // a line per request would drown the table and cost time on the measured path
    ch.qos.logback.classic.Logger access =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(OpenAiServer.ACCESS_LOG);
    ch.qos.logback.classic.Level accessLevel = access.getLevel();
    access.setLevel(ch.qos.logback.classic.Level.WARN);
    try {
      measureAll(out);
    } finally {
      access.setLevel(accessLevel);
    }
    return CommandLine.ExitCode.OK;
  }

  private void measureAll(PrintWriter out) throws Exception {
    try (LoadedModel loaded = LoadedModel.load(model)) {
      ServedModel served =
          new ServedModel(loaded.model(), loaded.tokenizer(), loaded.eosIds(), loaded.padId());
      int queue = Math.max(64, concurrency.stream().mapToInt(c -> c).max().orElse(1) * 2);
      ServeConfig config =
          ServeConfig.defaults("bench")
              .withPort(0)
              .withLimits(maxTokens, 1, queue, maxBatchRows, Duration.ofMinutes(10));
      try (OpenAiServer server = OpenAiServer.start(config, served, BrandKit.builtIn(), null)) {
        String url = "http://127.0.0.1:" + server.port() + "/v1/chat/completions";
        if (!json) {
          out.printf(
              Locale.ROOT,
              "model %s, %d requests per level, max_tokens %d, streaming%n",
              model.dir,
              requests,
              maxTokens);
          out.printf(
              Locale.ROOT,
              "%11s  %8s  %10s  %14s  %14s  %14s%n",
              "concurrency",
              "req/s",
              "tok/s",
              "TTFT p50/p95",
              "latency p50/95",
              "shared steps");
          out.flush();
        }
        List<ServeLoadResult> results = new ArrayList<>();
        for (int c : concurrency) {
          ServeLoadResult r = measure(server, url, c);
          results.add(r);
          if (!json) {
            out.printf(
                Locale.ROOT,
                "%11d  %8.1f  %10.1f  %6.0f/%5.0f ms  %6.0f/%5.0f ms  %13.0f%%%n",
                r.concurrency(),
                r.requestsPerSecond(),
                r.tokensPerSecond(),
                r.ttftP50(),
                r.ttftP95(),
                r.latencyP50(),
                r.latencyP95(),
                100 * r.requestsPerStepShared());
            out.flush();
          }
        }
        if (json) {
          ObjectNode n = Json.object();
          n.put("benchmark", "serve");
          n.put("model", model.dir.toString());
          n.put("max_tokens", maxTokens);
          ArrayNode rows = n.putArray("results");
          results.forEach(r -> rows.add(r.toJson()));
          out.println(Json.line(n));
          out.flush();
        }
      }
    }
  }

  private ServeLoadResult measure(OpenAiServer server, String url, int clients) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      run(pool, http, url, warmup, new AtomicInteger());
      WorkerStats before = server.stats();
      long start = System.nanoTime();
      List<Timing> timings = run(pool, http, url, requests, new AtomicInteger(1000));
      double seconds = (System.nanoTime() - start) / 1e9;
      WorkerStats after = server.stats();
      long steps = after.steps() - before.steps();
      double shared =
          steps == 0 ? 0 : (double) (after.sharedSteps() - before.sharedSteps()) / steps;
      double[] ttft = timings.stream().mapToDouble(Timing::ttftMs).sorted().toArray();
      double[] latency = timings.stream().mapToDouble(Timing::latencyMs).sorted().toArray();
      long tokens = timings.stream().mapToLong(Timing::completionTokens).sum();
      return new ServeLoadResult(
          clients,
          requests,
          seconds,
          tokens,
          percentile(ttft, 50),
          percentile(ttft, 95),
          percentile(latency, 50),
          percentile(latency, 95),
          shared);
    } finally {
      pool.shutdownNow();
    }
  }

  private record Timing(double ttftMs, double latencyMs, long completionTokens) {}

  private List<Timing> run(
      ExecutorService pool, HttpClient http, String url, int count, AtomicInteger seeds)
      throws Exception {
    List<Future<Timing>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int seed = seeds.getAndIncrement();
      futures.add(pool.submit(() -> request(http, url, seed)));
    }
    List<Timing> out = new ArrayList<>();
    for (Future<Timing> f : futures) {
      out.add(f.get());
    }
    return out;
  }

  private Timing request(HttpClient http, String url, int seed)
      throws IOException, InterruptedException {
    String body =
        "{\"model\":\"bench\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"max_tokens\":"
            + maxTokens
            + ",\"seed\":"
            + seed
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"写一句面霜文案，第"
            + seed
            + "条\"}]}";
    long start = System.nanoTime();
    HttpResponse<Stream<String>> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      throw new BrandtuneException("bench serve: the server answered " + response.statusCode());
    }
    long[] first = {-1};
    long[] tokens = {0};
    try (Stream<String> lines = response.body()) {
      lines
          .filter(l -> l.startsWith("data: {"))
          .forEach(
              l -> {
                JsonNode chunk = parse(l.substring(6));
                JsonNode choices = chunk.path("choices");
                if (first[0] < 0
                    && choices.size() > 0
                    && !choices.get(0).path("delta").path("content").asText("").isEmpty()) {
                  first[0] = System.nanoTime();
                }
                if (chunk.path("usage").isObject()) {
                  tokens[0] = chunk.get("usage").get("completion_tokens").asLong();
                }
              });
    }
    long end = System.nanoTime();
    return new Timing(
        ((first[0] < 0 ? end : first[0]) - start) / 1e6, (end - start) / 1e6, tokens[0]);
  }

  private static JsonNode parse(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (IOException e) {
      return NONE;
    }
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}

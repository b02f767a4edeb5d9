package ai.brandtune.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OpenAI-compatible chat-completions server for tests, answering from a script keyed by the
 * last user message: scripted replies are used once each, in order, then a sticky reply if one is
 * set, then a default answer {@code "copy for: <user message>"} with 10 prompt and 5 completion
 * tokens. Records every request (headers, body, arrival time) and the most requests it saw in
 * flight at once.
 */
final class ScriptedOpenAiServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One scripted HTTP answer. */
  static final class Reply {
    final int status;
    final String body;
    final Map<String, String> headers = new LinkedHashMap<>();
    long delayMillis;

    private Reply(int status, String body) {
      this.status = status;
      this.body = body;
    }

    static Reply ok(String content) {
      return ok(content, 10, 5);
    }

    static Reply ok(String content, long promptTokens, long completionTokens) {
      ObjectNode root = JSON.createObjectNode();
      root.put("id", "chatcmpl-test");
      root.put("object", "chat.completion");
      root.put("created", 1_700_000_000L);
      root.put("model", "served-model");
      ArrayNode choices = root.putArray("choices");
      ObjectNode choice = choices.addObject();
      choice.put("index", 0);
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      message.put("content", content);
      choice.put("finish_reason", "stop");
      ObjectNode usage = root.putObject("usage");
      usage.put("prompt_tokens", promptTokens);
      usage.put("completion_tokens", completionTokens);
      usage.put("total_tokens", promptTokens + completionTokens);
      return new Reply(200, root.toString());
    }

    static Reply status(int status, String body) {
      return new Reply(status, body);
    }

    Reply header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    Reply delay(long millis) {
      delayMillis = millis;
      return this;
    }
  }

  /** One request as the server saw it. */
  record Recorded(String authorization, JsonNode body, String user, long receivedNanos) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ConcurrentLinkedQueue<Recorded> requests = new ConcurrentLinkedQueue<>();
  private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Reply> sticky = new ConcurrentHashMap<>();
  private volatile long defaultPromptTokens = 10;
  private volatile long defaultCompletionTokens = 5;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  ScriptedOpenAiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  String endpoint() {
    return baseUrl() + "/chat/completions";
  }

  /** Replies for the next requests whose last user message is {@code user}, once each. */
  synchronized void script(String user, Reply... replies) {
    scripts.computeIfAbsent(user, u -> new ArrayDeque<>()).addAll(List.of(replies));
  }

  /** The reply for every request with this user message once its script is used up. */
  void always(String user, Reply reply) {
    sticky.put(user, reply);
  }

  /** Every unscripted answer carries these token counts. */
  void defaultUsage(long promptTokens, long completionTokens) {
    defaultPromptTokens = promptTokens;
    defaultCompletionTokens = completionTokens;
  }

  int count() {
    return requests.size();
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  List<Recorded> requestsFor(String user) {
    return requests.stream().filter(r -> user.equals(r.user())).toList();
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      String user = lastUser(body);
      requests.add(
          new Recorded(
              exchange.getRequestHeaders().getFirst("Authorization"),
              body,
              user,
              System.nanoTime()));
      Reply reply = next(user);
      if (reply.delayMillis > 0) {
        try {
          Thread.sleep(reply.delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] bytes = reply.body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      reply.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(reply.status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // the client gave up on this attempt (timeout) and closed the connection
    } finally {
      inFlight.decrementAndGet();
      exchange.close();
    }
  }

  private synchronized Reply next(String user) {
    Deque<Reply> script = scripts.get(user);
    if (script != null && !script.isEmpty()) {
      return script.poll();
    }
    Reply s = sticky.get(user);
    if (s != null) {
      return s;
    }
    return Reply.ok("copy for: " + user, defaultPromptTokens, defaultCompletionTokens);
  }

  private static String lastUser(JsonNode body) {
    String user = null;
    for (JsonNode m : body.path("messages")) {
      if ("user".equals(m.path("role").asText())) {
        user = m.path("content").asText();
      }
    }
    return user;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

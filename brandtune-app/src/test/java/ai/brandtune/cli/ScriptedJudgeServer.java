package ai.brandtune.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local OpenAI-compatible chat-completions server whose answers a test scripts from the request
 * body: the judge for the eval tests. Records every request body.
 */
final class ScriptedJudgeServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final Function<JsonNode, String> answer;

  ScriptedJudgeServer(Function<JsonNode, String> answer) throws IOException {
    this.answer = answer;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  /** The last user message of a request body. */
  static String user(JsonNode body) {
    String user = "";
    for (JsonNode m : body.path("messages")) {
      if ("user".equals(m.path("role").asText())) {
        user = m.path("content").asText();
      }
    }
    return user;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      requests.add(body);
      ObjectNode root = JSON.createObjectNode();
      root.put("id", "chatcmpl-test");
      root.put("object", "chat.completion");
      root.put("created", 1_700_000_000L);
      root.put("model", body.path("model").asText());
      ObjectNode choice = root.putArray("choices").addObject();
      choice.put("index", 0);
      choice.putObject("message").put("role", "assistant").put("content", answer.apply(body));
      choice.put("finish_reason", "stop");
      root.putObject("usage")
          .put("prompt_tokens", 10)
          .put("completion_tokens", 5)
          .put("total_tokens", 15);
      byte[] bytes = root.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (RuntimeException e) {
      exchange.sendResponseHeaders(500, -1);
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

package ai.brandtune.llm;

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
 * A local OpenAI-compatible chat-completions server for tests: each answer is what {@code answer}
 * returns for the request body (null for a 500), so a test scripts a teacher or a judge that reads
 * the prompt it got. Records every request body. Shared with the app's tests through the test jar.
 */
public final class ScriptedChatServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final Function<JsonNode, String> answer;

  public ScriptedChatServer(Function<JsonNode, String> answer) throws IOException {
    this.answer = answer;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  public int count() {
    return requests.size();
  }

  /** The last user message of a request body. */
  public static String user(JsonNode body) {
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
      String content = answer.apply(body);
      byte[] bytes;
      int status;
      if (content == null) {
        status = 500;
        bytes = "{\"error\":{\"message\":\"scripted failure\"}}".getBytes(StandardCharsets.UTF_8);
      } else {
        status = 200;
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-test");
        root.put("object", "chat.completion");
        root.put("created", 1_700_000_000L);
        root.put("model", body.path("model").asText());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        root.putObject("usage")
            .put("prompt_tokens", 100)
            .put("completion_tokens", 50)
            .put("total_tokens", 150);
        bytes = root.toString().getBytes(StandardCharsets.UTF_8);
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
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

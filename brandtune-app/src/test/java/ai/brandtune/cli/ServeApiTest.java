package ai.brandtune.cli;

import static ai.brandtune.cli.ServeFixture.assertError;
import static ai.brandtune.cli.ServeFixture.chatBody;
import static ai.brandtune.cli.ServeFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.text.ChatMessage;
import ai.brandtune.text.HfTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible API over real HTTP: responses, streaming, errors, 429, cancellation. */
class ServeApiTest {
  static ServeFixture server;

  @BeforeAll
  static void start() {
    server =
        ServeFixture.start("--max-tokens", "64", "--max-n", "4", "--max-request-bytes", "65536");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void healthAndModels() {
    JsonNode health = json(server.get("/health"));
    assertThat(health.get("status").asText()).isEqualTo("ok");
    JsonNode models = json(server.get("/v1/models"));
    assertThat(models.get("object").asText()).isEqualTo("list");
    assertThat(models.get("data").get(0).get("id").asText()).isEqualTo("tiny");
    assertThat(json(server.get("/v1/models/tiny")).get("owned_by").asText()).isEqualTo("brandtune");
    assertError(server.get("/v1/models/gpt-4"), 404, "model_not_found");
  }

  @Test
  void completionHasNChoicesAndUsageFromTheTokenizer() {
    String content = "写一句面霜文案";
    HttpResponse<String> r =
        server.post(
            "/v1/chat/completions", chatBody(content, "\"n\":2,\"max_tokens\":12,\"seed\":7"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("model").asText()).isEqualTo("tiny");
    assertThat(body.get("choices")).hasSize(2);
    for (JsonNode c : body.get("choices")) {
      assertThat(c.get("message").get("role").asText()).isEqualTo("assistant");
      assertThat(c.get("finish_reason").asText()).isIn("stop", "length");
    }
    JsonNode usage = body.get("usage");
    try (HfTokenizer tokenizer = HfTokenizer.load(ServeFixture.tinyModel())) {
      String rendered =
          tokenizer.applyChatTemplate(List.of(ChatMessage.user(content)), true, Map.of());
      assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(tokenizer.encode(rendered).length);
    }
    int completion = usage.get("completion_tokens").asInt();
    assertThat(completion).isBetween(2, 24);
    if (allFinished(body, "length")) {
      assertThat(completion).isEqualTo(24);
    }
    assertThat(usage.get("total_tokens").asInt())
        .isEqualTo(usage.get("prompt_tokens").asInt() + completion);
  }

  @Test
  void seedReproducesAndStreamingAddsUpToTheSameText() throws IOException {
    String req = chatBody("你好", "\"n\":2,\"max_tokens\":16,\"seed\":1234,\"temperature\":1.0");
    JsonNode a = json(server.post("/v1/chat/completions", req));
    JsonNode b = json(server.post("/v1/chat/completions", req));
    assertThat(texts(a)).isEqualTo(texts(b));
    assertThat(texts(a).get(0)).isNotEqualTo(texts(a).get(1));
    JsonNode other =
        json(
            server.post(
                "/v1/chat/completions",
                chatBody("你好", "\"n\":2,\"max_tokens\":16,\"seed\":99,\"temperature\":1.0")));
    assertThat(texts(other)).isNotEqualTo(texts(a));

    HttpResponse<String> streamed =
        server.post(
            "/v1/chat/completions",
            req.replace("}]", "}],\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    List<String> events = new ArrayList<>();
    for (String line : streamed.body().split("\n")) {
      if (line.startsWith("data: ")) {
        events.add(line.substring(6));
      }
    }
    assertThat(events).last().isEqualTo("[DONE]");
    StringBuilder[] text = {new StringBuilder(), new StringBuilder()};
    String[] finish = new String[2];
    JsonNode usage = null;
    for (String e : events.subList(0, events.size() - 1)) {
      JsonNode chunk = ServeFixture.JSON.readTree(e);
      assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
      for (JsonNode c : chunk.get("choices")) {
        int i = c.get("index").asInt();
        if (c.get("delta").has("content")) {
          text[i].append(c.get("delta").get("content").asText());
        }
        if (!c.get("finish_reason").isNull()) {
          finish[i] = c.get("finish_reason").asText();
        }
      }
      if (!chunk.get("usage").isNull()) {
        usage = chunk.get("usage");
      }
    }
    assertThat(List.of(text[0].toString(), text[1].toString())).isEqualTo(texts(a));
    assertThat(finish)
        .containsExactly(
            a.get("choices").get(0).get("finish_reason").asText(),
            a.get("choices").get(1).get("finish_reason").asText());
    assertThat(usage).isEqualTo(a.get("usage"));
  }

  @Test
  void everyBadInputGetsItsStatusAndTheServerKeepsServing() {
    String ok = chatBody("你好", "\"max_tokens\":4");
    record Bad(String body, int status, String code, String param) {}
    List<Bad> cases =
        List.of(
            new Bad("{\"model\":", 400, null, null),
            new Bad("[1,2]", 400, "invalid_value", null),
            new Bad("", 400, "invalid_value", null),
            new Bad(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                400,
                "invalid_value",
                "model"),
            new Bad(ok.replace("\"tiny\"", "\"gpt-4o\""), 404, "model_not_found", "model"),
            new Bad("{\"model\":\"tiny\"}", 400, "invalid_value", "messages"),
            new Bad("{\"model\":\"tiny\",\"messages\":[]}", 400, "invalid_value", "messages"),
            new Bad("{\"model\":\"tiny\",\"messages\":\"hi\"}", 400, "invalid_value", "messages"),
            new Bad(
                "{\"model\":\"tiny\",\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}",
                400,
                "invalid_value",
                "messages[0].role"),
            new Bad(
                "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":5}]}",
                400,
                "invalid_value",
                "messages[0].content"),
            new Bad(
                "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\"}]}",
                400,
                "invalid_value",
                "messages[0].content"),
            new Bad(chatBody("hi", "\"temperature\":3"), 400, "invalid_value", "temperature"),
            new Bad(chatBody("hi", "\"temperature\":\"hot\""), 400, "invalid_value", "temperature"),
            new Bad(chatBody("hi", "\"top_p\":0"), 400, "invalid_value", "top_p"),
            new Bad(chatBody("hi", "\"max_tokens\":0"), 400, "invalid_value", "max_tokens"),
            new Bad(chatBody("hi", "\"max_tokens\":65"), 400, "invalid_value", "max_tokens"),
            new Bad(chatBody("hi", "\"max_tokens\":1.5"), 400, "invalid_value", "max_tokens"),
            new Bad(chatBody("hi", "\"n\":5"), 400, "invalid_value", "n"),
            new Bad(chatBody("hi", "\"n\":0"), 400, "invalid_value", "n"),
            new Bad(
                chatBody("hi", "\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]"),
                400,
                "invalid_value",
                "stop"),
            new Bad(chatBody("hi", "\"stop\":[\"\"]"), 400, "invalid_value", "stop"),
            new Bad(chatBody("hi", "\"seed\":\"x\""), 400, "invalid_value", "seed"),
            new Bad(chatBody("hi", "\"stream\":\"yes\""), 400, "invalid_value", "stream"),
            new Bad(
                chatBody("hi", "\"stream_options\":{\"include_usage\":true}"),
                400,
                "invalid_value",
                "stream_options"),
            new Bad(chatBody("长".repeat(800), ""), 400, "context_length_exceeded", "messages"),
            new Bad(chatBody("x".repeat(70_000), ""), 413, "request_too_large", null));
    for (Bad bad : cases) {
      HttpResponse<String> r = server.post("/v1/chat/completions", bad.body());
      JsonNode error = assertError(r, bad.status(), bad.code());
      if (bad.param() != null) {
        assertThat(error.get("param").asText()).as(bad.body()).isEqualTo(bad.param());
      }
      HttpResponse<String> after = server.post("/v1/chat/completions", ok);
      assertThat(after.statusCode()).as("after %s: %s", bad, after.body()).isEqualTo(200);
    }
    assertError(server.get("/v1/nothing-here"), 404, "unknown_url");
    assertError(server.post("/v2/chat/completions", ok), 404, "unknown_url");
    assertError(
        server.post("/api/generate", "{\"product_id\":\"nope\",\"content_type_id\":\"x\"}"),
        404,
        "product_not_found");
    assertThat(server.post("/v1/chat/completions", ok).statusCode()).isEqualTo(200);
  }

  @Test
  void fullQueueAnswers429AndADisconnectCancelsItsRows() throws Exception {
    try (ServeFixture small =
        ServeFixture.start(
            "--queue-size", "1", "--max-batch-rows", "1", "--max-n", "1", "--max-tokens", "1500")) {
      // a long greedy stream holds the model thread; its client hangs up later
      HttpRequest longStream =
          HttpRequest.newBuilder(URI.create(small.base + "/v1/chat/completions"))
              .timeout(Duration.ofSeconds(60))
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      chatBody("hi", "\"max_tokens\":1500,\"temperature\":0,\"stream\":true")))
              .build();
      HttpResponse<InputStream> stream =
          small.http.send(longStream, HttpResponse.BodyHandlers.ofInputStream());
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
      int contentChunks = 0;
      while (contentChunks < 3) {
        String line = lines.readLine();
        assertThat(line).isNotNull();
        if (line.contains("\"content\"") && !line.contains("\"role\"")) {
          contentChunks++;
        }
      }
      // one more request fills the queue of one ...
      CompletableFuture<HttpResponse<String>> queued =
          CompletableFuture.supplyAsync(
              () -> small.post("/v1/chat/completions", chatBody("hi", "\"max_tokens\":4")));
      long until = System.nanoTime() + 10_000_000_000L;
      while (small.server().stats().queued() < 1 && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      // ... so the next is turned away with Retry-After
      HttpResponse<String> busy = small.post("/v1/chat/completions", chatBody("hi", ""));
      assertError(busy, 429, "queue_full");
      assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(small.server().stats().rejected()).isEqualTo(1);

      lines.close();
      until = System.nanoTime() + 10_000_000_000L;
      while (small.server().stats().cancelled() < 1 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertThat(small.server().stats().cancelled()).isEqualTo(1);
      assertThat(queued.get().statusCode()).isEqualTo(200);
      assertThat(
              small.post("/v1/chat/completions", chatBody("hi", "\"max_tokens\":4")).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aRequestPastItsTimeoutGets408AndTheServerRecovers() throws Exception {
    try (ServeFixture slow = ServeFixture.start("--timeout", "1")) {
      // hold the model thread longer than the timeout, so the requests expire in the queue
      CompletableFuture<Object> busy =
          slow.server()
              .worker()
              .call(
                  () -> {
                    Thread.sleep(2_500);
                    return null;
                  });
      CompletableFuture<HttpResponse<String>> streamed =
          CompletableFuture.supplyAsync(
              () ->
                  slow.post(
                      "/v1/chat/completions", chatBody("hi", "\"max_tokens\":4,\"stream\":true")));
      HttpResponse<String> plain =
          slow.post("/v1/chat/completions", chatBody("hi", "\"max_tokens\":4"));
      assertError(plain, 408, "timeout");
      // a stream already answered 200: its error arrives as an event, then [DONE]
      HttpResponse<String> stream = streamed.get();
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.body()).contains("\"code\":\"timeout\"").endsWith("data: [DONE]\n\n");
      busy.get();
      assertThat(slow.server().stats().cancelled()).isEqualTo(2);
      assertThat(slow.post("/v1/chat/completions", chatBody("hi", "\"max_tokens\":2")).statusCode())
          .isEqualTo(200);
    }
  }

  private static boolean allFinished(JsonNode body, String reason) {
    for (JsonNode c : body.get("choices")) {
      if (!c.get("finish_reason").asText().equals(reason)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> texts(JsonNode body) {
    List<String> out = new ArrayList<>();
    body.get("choices").forEach(c -> out.add(c.get("message").get("content").asText()));
    return out;
  }
}

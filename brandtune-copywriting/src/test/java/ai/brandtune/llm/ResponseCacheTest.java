package ai.brandtune.llm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.text.ChatMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCacheTest {
  @TempDir Path tmp;

  static LlmConfig config(String baseUrl) {
    return LlmConfig.builder(baseUrl, "deepseek-chat").temperature(0.7).seed(1L).build();
  }

  static String key(String baseUrl, ChatRequest request) {
    return ResponseCache.key(request.resolve(config(baseUrl)));
  }

  static final ChatRequest REQUEST = ChatRequest.of("system", "write a copy");

  @Test
  void theKeyIgnoresTheHostButNotThePathNorAnythingSent() {
    String base = key("http://localhost:8000/v1", REQUEST);
    assertThat(base).matches("[0-9a-f]{64}");
    assertThat(key("http://10.0.0.7:9999/v1/", REQUEST)).isEqualTo(base);
    assertThat(key("http://localhost:8000/compatible-mode/v1", REQUEST)).isNotEqualTo(base);
    List<ChatRequest> variants =
        List.of(
            REQUEST.withModel("deepseek-reasoner"),
            REQUEST.withTemperature(0.8),
            REQUEST.withTopP(0.9),
            REQUEST.withMaxTokens(100),
            REQUEST.withSeed(2),
            REQUEST.withJsonMode(true),
            REQUEST.withTopLogprobs(5),
            ChatRequest.of("system", "write a copy!"),
            ChatRequest.of(ChatMessage.user("system"), ChatMessage.user("write a copy")));
    for (ChatRequest v : variants) {
      assertThat(key("http://localhost:8000/v1", v)).as(v.toString()).isNotEqualTo(base);
    }
    assertThat(key("http://localhost:8000/v1", ChatRequest.of("system", "write a copy")))
        .isEqualTo(base);
  }

  @Test
  void anEntryReadsBackWhole() {
    ResponseCache cache = new ResponseCache(tmp);
    ResolvedRequest request = REQUEST.resolve(config("http://localhost:8000/v1"));
    String key = ResponseCache.key(request);
    ChatResponse response =
        new ChatResponse(
            "文案 ✓",
            "length",
            "deepseek-chat-v3",
            new TokenUsage(12, 34),
            List.of(
                new TokenLogprob(
                    "8",
                    -0.1,
                    List.of(
                        new TokenLogprob.Alternative("8", -0.1),
                        new TokenLogprob.Alternative("7", -2.5)))));
    assertThat(cache.get(key)).isEmpty();
    cache.put(key, request, response);

    assertThat(cache.get(key)).contains(response);
    assertThat(new ResponseCache(tmp).get(key)).contains(response);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void writesLeaveNoTemporaryFilesAndAnUnreadableEntryIsAMiss() throws IOException {
    ResponseCache cache = new ResponseCache(tmp);
    ResolvedRequest request = REQUEST.resolve(config("http://localhost:8000/v1"));
    String key = ResponseCache.key(request);
    ChatResponse response = new ChatResponse("copy", "stop", "m", new TokenUsage(1, 2), null);
    cache.put(key, request, response);
    Path file = tmp.resolve(key.substring(0, 2)).resolve(key + ".json");
    assertThat(file).exists();
    try (Stream<Path> files = Files.walk(tmp)) {
      assertThat(files.filter(f -> f.toString().endsWith(".tmp"))).isEmpty();
    }
    assertThat(Files.readString(file)).contains("\"write a copy\"").contains("\"copy\"");

    Files.writeString(file, "{\"format\": 1, \"response\": {\"content\": ");
    assertThat(cache.get(key)).isEmpty();
    cache.put(key, request, response);
    assertThat(cache.get(key)).contains(response);
  }
}

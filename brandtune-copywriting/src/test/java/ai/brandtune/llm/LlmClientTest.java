package ai.brandtune.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.BrandtuneException;
import ai.brandtune.llm.ScriptedOpenAiServer.Recorded;
import ai.brandtune.llm.ScriptedOpenAiServer.Reply;
import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a local OpenAI-compatible server that scripts its answers: retries, give-up,
 * cache, JSON mode, timeouts, concurrency, usage.
 */
class LlmClientTest {
  static final String KEY_ENV = "BRANDTUNE_TEST_LLM_KEY";
  static final String KEY = "sk-brandtune-test-5f3c9a1e7d2b4806";

  @TempDir Path tmp;
  ScriptedOpenAiServer server;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedOpenAiServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  LlmConfig.Builder config() {
    return LlmConfig.builder(server.baseUrl(), "test-model")
        .apiKeyEnv(KEY_ENV)
        .maxAttempts(3)
        .backoffBase(0.01)
        .backoffMax(0.05)
        .concurrency(4)
        .timeout(5)
        .cacheDir(tmp.resolve("cache"))
        .progress(false);
  }

  LlmClient open(LlmConfig config) {
    return LlmClient.open(config, Map.of(KEY_ENV, KEY)::get);
  }

  static List<ChatRequest> prompts(int n) {
    return IntStream.range(0, n).mapToObj(i -> ChatRequest.of("sys", "p" + i)).toList();
  }

  @Test
  void rateLimitedRequestIsRetriedOnceAfterRetryAfter() {
    server.script(
        "p",
        Reply.status(429, "{\"error\":{\"message\":\"slow down\"}}").header("Retry-After", "1"));
    try (LlmClient client = open(config().build())) {
      ChatResult r = client.tryChat(ChatRequest.user("p"));

      assertThat(r.ok()).isTrue();
      assertThat(r.content()).isEqualTo("copy for: p");
      assertThat(r.attempts()).isEqualTo(2);
    }
    List<Recorded> sent = server.requestsFor("p");
    assertThat(sent).hasSize(2);
    double gap = (sent.get(1).receivedNanos() - sent.get(0).receivedNanos()) / 1e9;
    assertThat(gap).isGreaterThanOrEqualTo(0.9).isLessThan(5.0);
  }

  @Test
  void repeatedServerErrorsGiveUpAfterMaxAttemptsWhileTheRestOfTheBatchCompletes() {
    server.always("p2", Reply.status(500, "{\"error\":{\"message\":\"boom\"}}"));
    List<Integer> seen = new ArrayList<>();
    try (LlmClient client = open(config().build())) {
      List<ChatResult> results = client.chatAll(prompts(6), "generate", r -> seen.add(r.index()));

      assertThat(results).hasSize(6);
      for (int i = 0; i < 6; i++) {
        ChatResult r = results.get(i);
        assertThat(r.index()).isEqualTo(i);
        if (i != 2) {
          assertThat(r.ok()).isTrue();
          assertThat(r.content()).isEqualTo("copy for: p" + i);
        }
      }
      ChatResult failed = results.get(2);
      assertThat(failed.ok()).isFalse();
      assertThat(failed.attempts()).isEqualTo(3);
      assertThat(failed.failure().kind()).isEqualTo(LlmFailure.Kind.HTTP_STATUS);
      assertThat(failed.failure().status()).isEqualTo(500);
      assertThat(failed.failure().message()).contains(server.endpoint()).contains("500");
      assertThatThrownBy(failed::content)
          .isInstanceOf(LlmException.class)
          .hasMessageContaining("gave up after 3 attempts");

      UsageReport usage = client.usage();
      assertThat(usage.responses()).isEqualTo(5);
      assertThat(usage.failures()).isEqualTo(1);
      assertThat(usage.requestsSent()).isEqualTo(8);
    }
    assertThat(server.requestsFor("p2")).hasSize(3);
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
  }

  @Test
  void rerunSendsRequestsOnlyForWhatFailedThenNone() {
    server.script(
        "p2",
        Reply.status(503, "unavailable"),
        Reply.status(503, "unavailable"),
        Reply.status(503, "unavailable"));
    List<ChatResult> first;
    try (LlmClient client = open(config().build())) {
      first = client.chatAll(prompts(5));
    }
    assertThat(first.get(2).ok()).isFalse();
    assertThat(server.count()).isEqualTo(4 + 3);

    try (LlmClient client = open(config().build())) {
      List<ChatResult> second = client.chatAll(prompts(5));
      assertThat(second).allMatch(ChatResult::ok);
      assertThat(second.get(2).cached()).isFalse();
      assertThat(second.stream().filter(ChatResult::cached).count()).isEqualTo(4);
    }
    assertThat(server.count()).isEqualTo(7 + 1);

    try (LlmClient client = open(config().build())) {
      List<ChatResult> third = client.chatAll(prompts(5));
      assertThat(third).allMatch(r -> r.ok() && r.cached() && r.attempts() == 0);
      assertThat(third.stream().map(ChatResult::content))
          .containsExactly(
              "copy for: p0", "copy for: p1", "copy for: p2", "copy for: p3", "copy for: p4");
      UsageReport usage = client.usage();
      assertThat(usage.requestsSent()).isZero();
      assertThat(usage.cacheHits()).isEqualTo(5);
      assertThat(usage.promptTokens() + usage.completionTokens()).isZero();
    }
    assertThat(server.count()).isEqualTo(8);
  }

  @Test
  void anInterruptedBatchResumesFromTheCacheWithoutPayingTwice() throws Exception {
    for (int i = 0; i < 6; i++) {
      server.always("p" + i, Reply.ok("copy " + i).delay(100));
    }
    Set<Integer> done = ConcurrentHashMap.newKeySet();
    AtomicReference<Thread> batch = new AtomicReference<>();
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try (LlmClient client = open(config().concurrency(1).build())) {
      Future<List<ChatResult>> killed =
          runner.submit(
              () -> {
                batch.set(Thread.currentThread());
                return client.chatAll(
                    prompts(6),
                    "generate",
                    r -> {
                      done.add(r.index());
                      if (done.size() == 3) {
                        batch.get().interrupt();
                      }
                    });
              });
      assertThatThrownBy(killed::get)
          .hasCauseInstanceOf(BrandtuneException.class)
          .hasMessageContaining("interrupted");
    } finally {
      runner.shutdownNow();
    }
    assertThat(done).containsExactlyInAnyOrder(0, 1, 2);
    int sentBefore = server.count();

    try (LlmClient client = open(config().build())) {
      List<ChatResult> resumed = client.chatAll(prompts(6));
      assertThat(resumed).allMatch(ChatResult::ok);
      assertThat(resumed.stream().map(ChatResult::content))
          .containsExactly("copy 0", "copy 1", "copy 2", "copy 3", "copy 4", "copy 5");
      assertThat(resumed.stream().filter(ChatResult::cached).map(ChatResult::index))
          .containsExactly(0, 1, 2);
    }
    assertThat(server.count() - sentBefore).isEqualTo(3);
  }

  @Test
  void jsonModeSendsResponseFormatAndSamplingAndRetriesAnAnswerThatIsNotJson() {
    server.script("judge this", Reply.ok("Sure! Here is the score: 8"), Reply.ok("{\"score\": 8}"));
    LlmConfig config =
        config().jsonMode(true).temperature(0.7).topP(0.9).maxTokens(256).seed(42L).build();
    try (LlmClient client = open(config)) {
      ChatResponse r = client.chat(ChatRequest.of("You are a judge.", "judge this"));

      assertThat(r.json().get("score").asInt()).isEqualTo(8);
      assertThat(client.usage().requestsSent()).isEqualTo(2);
      // the unusable answer was paid for too
      assertThat(client.usage().completionTokens()).isEqualTo(10);
    }
    JsonNode body = server.requestsFor("judge this").get(0).body();
    assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
    assertThat(body.path("model").asText()).isEqualTo("test-model");
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
    assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
    assertThat(body.path("seed").asLong()).isEqualTo(42);
    assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("You are a judge.");
    assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
  }

  @Test
  void requestOverridesReplaceTheConfigValuesAndPlainRequestsSendNoResponseFormat() {
    try (LlmClient client = open(config().temperature(0.7).build())) {
      client.chat(ChatRequest.user("plain"));
      client.chat(
          ChatRequest.of(
                  ChatMessage.system("s"),
                  ChatMessage.user("u1"),
                  ChatMessage.assistant("a1"),
                  ChatMessage.user("override"))
              .withModel("judge-model")
              .withTemperature(0.0)
              .withTopLogprobs(5));
    }
    JsonNode plain = server.requestsFor("plain").get(0).body();
    assertThat(plain.has("response_format")).isFalse();
    assertThat(plain.has("seed")).isFalse();
    assertThat(plain.path("temperature").asDouble()).isEqualTo(0.7);

    JsonNode over = server.requestsFor("override").get(0).body();
    assertThat(over.path("model").asText()).isEqualTo("judge-model");
    assertThat(over.path("temperature").asDouble()).isEqualTo(0.0);
    assertThat(over.path("logprobs").asBoolean()).isTrue();
    assertThat(over.path("top_logprobs").asInt()).isEqualTo(5);
    assertThat(over.path("messages")).hasSize(4);
    assertThat(over.path("messages").get(2).path("role").asText()).isEqualTo("assistant");
  }

  @Test
  void logprobsOfTheAnswerAndItsAlternativesReachTheCallerAndTheCache() {
    server.script(
        "score",
        Reply.status(
            200,
            """
            {"id": "c", "object": "chat.completion", "created": 1, "model": "judge-v1",
             "choices": [{"index": 0, "finish_reason": "length",
               "message": {"role": "assistant", "content": "8"},
               "logprobs": {"content": [{"token": "8", "logprob": -0.25, "bytes": [56],
                 "top_logprobs": [{"token": "8", "logprob": -0.25, "bytes": [56]},
                                  {"token": "7", "logprob": -1.5, "bytes": [55]}]}]}}],
             "usage": {"prompt_tokens": 7, "completion_tokens": 1, "total_tokens": 8}}
            """));
    ChatRequest request = ChatRequest.user("score").withTopLogprobs(2).withMaxTokens(1);
    ChatResponse first;
    try (LlmClient client = open(config().build())) {
      first = client.chat(request);
    }
    assertThat(first.content()).isEqualTo("8");
    assertThat(first.model()).isEqualTo("judge-v1");
    assertThat(first.truncated()).isTrue();
    assertThat(first.usage()).isEqualTo(new TokenUsage(7, 1));
    assertThat(first.logprobs())
        .containsExactly(
            new TokenLogprob(
                "8",
                -0.25,
                List.of(
                    new TokenLogprob.Alternative("8", -0.25),
                    new TokenLogprob.Alternative("7", -1.5))));
    try (LlmClient client = open(config().build())) {
      ChatResult again = client.tryChat(request);
      assertThat(again.cached()).isTrue();
      assertThat(again.response()).isEqualTo(first);
    }
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void aSuccessStatusWithoutAChatCompletionIsRetried() {
    server.script("odd", Reply.status(200, "{\"choices\": []}"), Reply.status(200, "not json"));
    try (LlmClient client = open(config().build())) {
      ChatResult r = client.tryChat(ChatRequest.user("odd"));
      assertThat(r.ok()).isTrue();
      assertThat(r.attempts()).isEqualTo(3);
      assertThat(r.content()).isEqualTo("copy for: odd");
    }
  }

  @Test
  void timedOutAttemptsAreRetriedAndGiveUpAsTimeouts() {
    server.script("slow once", Reply.ok("too late").delay(3000));
    server.always("always slow", Reply.ok("too late").delay(3000));
    try (LlmClient client = open(config().timeout(0.4).maxAttempts(2).build())) {
      List<ChatResult> results =
          client.chatAll(List.of(ChatRequest.user("slow once"), ChatRequest.user("always slow")));

      assertThat(results.get(0).ok()).isTrue();
      assertThat(results.get(0).content()).isEqualTo("copy for: slow once");
      assertThat(results.get(0).attempts()).isEqualTo(2);
      ChatResult stuck = results.get(1);
      assertThat(stuck.ok()).isFalse();
      assertThat(stuck.attempts()).isEqualTo(2);
      assertThat(stuck.failure().kind()).isEqualTo(LlmFailure.Kind.TIMEOUT);
      assertThat(stuck.failure().message()).contains(server.endpoint()).contains("timed out");
    }
  }

  @Test
  void aRejectedRequestIsNotRetried() {
    server.always("bad", Reply.status(400, "{\"error\":{\"message\":\"unknown model\"}}"));
    try (LlmClient client = open(config().build())) {
      ChatResult r = client.tryChat(ChatRequest.user("bad"));
      assertThat(r.ok()).isFalse();
      assertThat(r.attempts()).isEqualTo(1);
      assertThat(r.failure().kind()).isEqualTo(LlmFailure.Kind.REJECTED);
      assertThat(r.failure().message()).contains("400").contains("unknown model");
      assertThatThrownBy(() -> client.chat(ChatRequest.user("bad")))
          .isInstanceOf(LlmException.class)
          .hasMessageContaining(server.endpoint())
          .hasMessageContaining("HTTP 400");
    }
    assertThat(server.requestsFor("bad")).hasSize(2);
  }

  @Test
  void atMostConcurrencyRequestsAreInFlight() {
    for (int i = 0; i < 6; i++) {
      server.always("p" + i, Reply.ok("slow answer").delay(300));
    }
    try (LlmClient client = open(config().concurrency(2).cache(false).build())) {
      List<ChatResult> results = client.chatAll(prompts(6));
      assertThat(results).allMatch(ChatResult::ok);
    }
    assertThat(server.maxInFlight()).isEqualTo(2);
  }

  @Test
  void usageCountsTokensPerModelAndEstimatesCostFromThePriceTable() {
    server.defaultUsage(1000, 500);
    LlmConfig config =
        config().prices(Map.of("test-model", new ModelPrice(2.0, 8.0))).currency("CNY").build();
    try (LlmClient client = open(config)) {
      client.chatAll(prompts(3));
      client.chat(ChatRequest.user("weak teacher").withModel("unpriced-model"));
      UsageReport usage = client.usage();

      // rows are sorted by model name
      UsageReport.ModelUsage priced = usage.models().get(0);
      assertThat(priced.model()).isEqualTo("test-model");
      assertThat(priced.promptTokens()).isEqualTo(3000);
      assertThat(priced.completionTokens()).isEqualTo(1500);
      double expected = (3 * 1000 * 2.0 + 3 * 500 * 8.0) / 1_000_000;
      assertThat(priced.estimatedCost()).isCloseTo(expected, within(1e-12));
      assertThat(usage.models().get(1).model()).isEqualTo("unpriced-model");
      assertThat(usage.models().get(1).estimatedCost()).isNull();
      assertThat(usage.unpricedModels()).containsExactly("unpriced-model");
      assertThat(usage.estimatedCost()).isCloseTo(expected, within(1e-12));
      assertThat(usage.promptTokens()).isEqualTo(4000);
      assertThat(usage.summary()).contains("CNY").contains("no price for unpriced-model");
    }
  }

  @Test
  void aMissingKeyNamesTheEnvironmentVariable() {
    assertThatThrownBy(() -> LlmClient.open(config().build(), Map.<String, String>of()::get))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining(KEY_ENV)
        .hasMessageContaining("not set");
  }

  @Test
  void aServerWithoutKeysNeedsNoVariable() {
    try (LlmClient client = LlmClient.open(config().apiKeyEnv(null).build(), name -> null)) {
      assertThat(client.chat(ChatRequest.user("local")).content()).isEqualTo("copy for: local");
    }
  }

  @Test
  void withoutCacheEveryRunSendsAgain() {
    for (int run = 0; run < 2; run++) {
      try (LlmClient client = open(config().cache(false).build())) {
        assertThat(client.cache()).isEmpty();
        client.chatAll(prompts(2));
      }
    }
    assertThat(server.count()).isEqualTo(4);
    assertThat(Files.exists(tmp.resolve("cache"))).isFalse();
  }

  @Test
  void callbackErrorsStopTheBatch() {
    ConcurrentLinkedQueue<Integer> seen = new ConcurrentLinkedQueue<>();
    try (LlmClient client = open(config().concurrency(1).build())) {
      assertThatThrownBy(
              () ->
                  client.chatAll(
                      prompts(3),
                      "t",
                      r -> {
                        seen.add(r.index());
                        throw new IllegalStateException("disk full");
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("disk full");
    }
    assertThat(seen).isNotEmpty();
  }
}

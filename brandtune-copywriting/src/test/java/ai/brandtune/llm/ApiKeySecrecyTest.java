package ai.brandtune.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.llm.ScriptedOpenAiServer.Recorded;
import ai.brandtune.llm.ScriptedOpenAiServer.Reply;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The API key goes to the server as a bearer header and nowhere else: not into logs, stderr (the
 * progress bar), cache files or their names, failure messages, exceptions, config strings or usage
 * reports, even when the server quotes it back in its error bodies.
 */
class ApiKeySecrecyTest {
  static final String KEY_ENV = "BRANDTUNE_TEST_LLM_KEY";
  static final String KEY = "sk-brandtune-secret-9c41e07a6f2d43b5";

  @TempDir Path tmp;

  @Test
  void keyIsSentAsBearerHeaderButNeverLoggedWrittenOrReported() throws IOException {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    Level level = root.getLevel();
    root.setLevel(Level.DEBUG);
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> produced = new ArrayList<>();
    List<ChatResult> results;
    LlmConfig config;
    try (ScriptedOpenAiServer server = new ScriptedOpenAiServer()) {
      server.always(
          "rejected",
          Reply.status(
              401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
      server.always(
          "broken", Reply.status(500, "{\"error\":{\"message\":\"upstream saw " + KEY + "\"}}"));
      server.script("limited", Reply.status(429, "limited for " + KEY).header("Retry-After", "0"));
      config =
          LlmConfig.builder(server.baseUrl(), "test-model")
              .apiKeyEnv(KEY_ENV)
              .maxAttempts(2)
              .backoffBase(0.01)
              .backoffMax(0.02)
              .cacheDir(tmp.resolve("cache"))
              .progress(true)
              .build();
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try (LlmClient client = LlmClient.open(config, Map.of(KEY_ENV, KEY)::get)) {
        results =
            client.chatAll(
                Stream.of("fine", "rejected", "broken", "limited", "also fine")
                    .map(ChatRequest::user)
                    .toList(),
                "secrecy",
                r -> {});
        assertThatThrownBy(() -> client.chat(ChatRequest.user("rejected")))
            .isInstanceOf(LlmException.class)
            .satisfies(e -> produced.add(e.getMessage()));
        produced.add(client.toString());
        produced.add(client.usage().toString());
        produced.add(client.usage().summary());
      } finally {
        System.setErr(stderr);
      }
      for (Recorded r : server.requests()) {
        assertThat(r.authorization()).isEqualTo("Bearer " + KEY);
      }
    } finally {
      root.detachAppender(logs);
      root.setLevel(level);
    }

    assertThat(results.get(0).ok()).isTrue();
    assertThat(results.get(3).ok()).isTrue();
    LlmFailure rejected = results.get(1).failure();
    assertThat(rejected.kind()).isEqualTo(LlmFailure.Kind.REJECTED);
    assertThat(rejected.status()).isEqualTo(401);
    assertThat(rejected.message())
        .contains("HTTP 401")
        .contains(KEY_ENV)
        .contains(SecretRedactor.MASK)
        .contains(config.endpoint());
    assertThat(results.get(2).failure().message()).contains(SecretRedactor.MASK);

    for (ChatResult r : results) {
      produced.add(r.toString());
    }
    produced.add(config.toString());
    for (ILoggingEvent e : logs.list) {
      produced.add(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        produced.add(t.getMessage());
      }
    }
    produced.add(captured.toString(StandardCharsets.UTF_8));
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path f : files.toList()) {
        produced.add(f.toString());
        if (Files.isRegularFile(f)) {
          produced.add(Files.readString(f));
        }
      }
    }

    assertThat(logs.list).isNotEmpty();
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("secrecy");
    assertThat(produced).noneMatch(text -> text != null && text.contains(KEY));
    // nor a recognisable part of it
    assertThat(produced).noneMatch(text -> text != null && text.contains(KEY.substring(10, 26)));
  }

  @Test
  void aKeyPastedIntoApiKeyEnvIsRejectedWithoutBeingEchoed() {
    assertThatThrownBy(
            () -> LlmConfig.builder("http://localhost:8000/v1", "m").apiKeyEnv(KEY).build())
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("api_key_env")
        .hasMessageNotContaining(KEY)
        .hasMessageNotContaining("9c41e07a");
  }
}

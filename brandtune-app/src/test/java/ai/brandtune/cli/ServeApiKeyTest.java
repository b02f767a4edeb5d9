package ai.brandtune.cli;

import static ai.brandtune.cli.ServeFixture.assertError;
import static ai.brandtune.cli.ServeFixture.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.serve.OpenAiServer;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** With an API key: 401 without it or with a wrong one, 200 with it, and the key in no log. */
class ServeApiKeyTest {
  static final String KEY = "sk-brandtune-secret-4711";
  static final String WRONG = "sk-wrong-guess-0815";

  @Test
  void keyIsRequiredOnApiPathsAndNeverLogged() {
    LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(logs);
    captured.start();
    root.addAppender(captured);
    Level rootLevel = root.getLevel();
    Level ours = logs.getLogger("ai.brandtune").getLevel();
    Level access = logs.getLogger(OpenAiServer.ACCESS_LOG).getLevel();
    root.setLevel(Level.INFO);
    logs.getLogger("ai.brandtune").setLevel(Level.DEBUG);
    logs.getLogger(OpenAiServer.ACCESS_LOG).setLevel(Level.DEBUG);
    try (ServeFixture server =
        ServeFixture.start(Map.of("BT_KEY", KEY), "--api-key-env", "BT_KEY")) {
      String ok = chatBody("你好", "\"max_tokens\":4");
      for (String[] auth :
          List.of(
              new String[0],
              new String[] {"Authorization", "Bearer " + WRONG},
              new String[] {"Authorization", KEY})) {
        assertError(server.get("/v1/models", auth), 401, "invalid_api_key");
        assertError(server.post("/v1/chat/completions", ok, auth), 401, "invalid_api_key");
        assertError(server.get("/api/products", auth), 401, "invalid_api_key");
        assertError(
            server.post("/api/generate", "{\"product_id\":\"P001\"}", auth),
            401,
            "invalid_api_key");
      }
      String[] bearer = {"Authorization", "Bearer " + KEY};
      assertThat(server.get("/v1/models", bearer).statusCode()).isEqualTo(200);
      assertThat(server.post("/v1/chat/completions", ok, bearer).statusCode()).isEqualTo(200);
      assertThat(server.get("/api/products", bearer).statusCode()).isEqualTo(200);
      // health and the studio page itself stay open (the page asks for the key)
      assertThat(server.get("/health").statusCode()).isEqualTo(200);
      assertThat(server.get("/").body()).contains("品牌文案工作室");
      // an error after authentication must not echo it either
      assertError(server.post("/v1/chat/completions", "{", bearer), 400, null);
    } finally {
      root.detachAppender(captured);
      root.setLevel(rootLevel);
      logs.getLogger("ai.brandtune").setLevel(ours);
      logs.getLogger(OpenAiServer.ACCESS_LOG).setLevel(access);
    }
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : captured.list) {
      lines.add(e.getFormattedMessage());
      if (e.getThrowableProxy() != null) {
        lines.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
      }
    }
    assertThat(lines).as("the server logged its requests").anyMatch(l -> l.contains("/v1/models"));
    assertThat(lines).noneMatch(l -> l.contains(KEY) || l.contains(WRONG));
  }

  @Test
  void unsetKeyVariableIsAUserError() {
    CliRun run =
        CliRun.of(
            "serve",
            "--model",
            ServeFixture.tinyModel().toString(),
            "--device",
            "cpu",
            "--api-key-env",
            "BRANDTUNE_TEST_SURELY_UNSET");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err())
        .contains("--api-key-env BRANDTUNE_TEST_SURELY_UNSET")
        .doesNotContain("\tat ");
  }
}

package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.serve.OpenAiServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * A {@code brandtune serve} started in-process on a free port over the tiny model (made once per
 * test JVM), with a small HTTP client for the tests.
 */
final class ServeFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static Path tinyModel;

  final ServeCommand.Running running;
  final String base;
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private ServeFixture(ServeCommand.Running running) {
    this.running = running;
    this.base = "http://127.0.0.1:" + running.server().port();
  }

  static synchronized Path tinyModel() {
    if (tinyModel == null) {
      try {
        Path dir = Files.createTempDirectory("brandtune-serve-test");
        dir.toFile().deleteOnExit();
        tinyModel = TinyModel.create(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tinyModel;
  }

  /** Starts a server with these extra flags; {@code env} stands in for the environment. */
  static ServeFixture start(Map<String, String> env, String... flags) {
    List<String> args = new ArrayList<>(List.of("serve", "--model", tinyModel().toString()));
    args.addAll(List.of("--port", "0", "--model-name", "tiny", "--device", "cpu"));
    args.addAll(List.of(flags));
    CommandLine cli = BrandtuneCli.commandLine();
    CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
    ServeCommand command = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    command.env = env::get;
    return new ServeFixture(command.start());
  }

  static ServeFixture start(String... flags) {
    return start(Map.of(), flags);
  }

  OpenAiServer server() {
    return running.server();
  }

  HttpResponse<String> post(String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  /** Asserts an OpenAI-style error body with this status and error code. */
  static JsonNode assertError(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode error = json(response).get("error");
    assertThat(error).as(response.body()).isNotNull();
    assertThat(error.fieldNames()).toIterable().contains("message", "type", "param", "code");
    assertThat(error.get("message").asText())
        .isNotBlank()
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    if (code != null) {
      assertThat(error.get("code").asText()).isEqualTo(code);
    }
    return error;
  }

  static String chatBody(String content, String extra) {
    return "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":"
        + quote(content)
        + "}]"
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }

  static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    running.close();
  }
}

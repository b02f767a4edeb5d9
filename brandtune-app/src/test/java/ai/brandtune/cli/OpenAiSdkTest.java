package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.text.ChatMessage;
import ai.brandtune.text.HfTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official {@code openai} Node SDK (fetched at build time, see scripts/fetch-test-openai.sh) as
 * the client: it must parse our responses and streams, and the test checks the usage it read
 * against our tokenizer.
 */
class OpenAiSdkTest {

  @Test
  void officialNodeSdkParsesCompletionsStreamsAndErrors() throws Exception {
    Path modules = Path.of(System.getProperty("brandtune.testNodeModules"));
    Path script = Path.of(System.getProperty("brandtune.testNodeScripts"), "openai-client.cjs");
    assertThat(modules.resolve("openai/package.json"))
        .as("the build fetches the SDK in generate-test-resources")
        .exists();
    try (ServeFixture server =
        ServeFixture.start(
            Map.of("TINY_KEY", "sk-node-test"), "--api-key-env", "TINY_KEY", "--max-n", "4")) {
      ProcessBuilder pb =
          new ProcessBuilder("node", script.toString(), server.base, "sk-node-test");
      pb.environment().put("NODE_PATH", modules.toString());
      Path err = Files.createTempFile("node-err", ".txt");
      pb.redirectError(err.toFile());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(err)).isZero();

      JsonNode report = ServeFixture.JSON.readTree(out);
      assertThat(report.get("models").get(0).asText()).isEqualTo("tiny");
      JsonNode usage = report.get("first").get("usage");
      assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(promptTokens());
      int completion = usage.get("completion_tokens").asInt();
      assertThat(completion).isBetween(2, 24);
      if (report.get("first").get("finish").toString().equals("[\"length\",\"length\"]")) {
        assertThat(completion).isEqualTo(24);
      }
      assertThat(report.get("streamed").get("chunks").asInt()).isGreaterThan(2);
      assertThat(report.get("unknownModel").get("status").asInt()).isEqualTo(404);
      assertThat(report.get("badN").get("status").asInt()).isEqualTo(400);
      assertThat(report.get("badN").get("param").asText()).isEqualTo("n");
    }
  }

  private static int promptTokens() throws IOException {
    try (HfTokenizer tokenizer = HfTokenizer.load(ServeFixture.tinyModel())) {
      String rendered =
          tokenizer.applyChatTemplate(
              List.of(ChatMessage.system("你是品牌文案助手。"), ChatMessage.user("写一句面霜文案")),
              true,
              Map.of());
      return tokenizer.encode(rendered).length;
    }
  }
}

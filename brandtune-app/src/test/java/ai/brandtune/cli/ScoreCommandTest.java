package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path model;

  @BeforeAll
  static void createModel() {
    model = TinyModel.create(tmp);
  }

  @Test
  void perplexityIsExpOfMinusMeanLogprob() throws Exception {
    String text = "Fresh roast, bold taste.";
    CliRun run = CliRun.of("score", "--model", model.toString(), "--text", text, "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines()).hasSize(1);
    JsonNode n = JSON.readTree(run.out());
    int tokens = n.get("token_ids").size();
    assertThat(tokens).isEqualTo(text.length()); // one byte-level token per ASCII character
    assertThat(n.get("tokens").size()).isEqualTo(tokens);
    assertThat(n.get("logprobs").size()).isEqualTo(tokens - 1);
    double sum = 0;
    for (JsonNode lp : n.get("logprobs")) {
      assertThat(lp.asDouble()).isLessThanOrEqualTo(0.0);
      sum += lp.asDouble();
    }
    double expected = Math.exp(-sum / (tokens - 1));
    assertThat(n.get("perplexity").asDouble()).isCloseTo(expected, within(expected * 1e-9));
    // a random model over ~259 tokens is close to uniform
    assertThat(n.get("perplexity").asDouble()).isBetween(50.0, 1000.0);
  }

  @Test
  void messagesAreRenderedWithTheChatTemplate() throws Exception {
    Path messages = tmp.resolve("messages.json");
    Files.writeString(
        messages,
        "[{\"role\":\"user\",\"content\":\"Name a tea.\"},"
            + "{\"role\":\"assistant\",\"content\":\"Morning Mist.\"}]");

    CliRun run =
        CliRun.of(
            "score", "--model", model.toString(), "--messages", messages.toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode n = JSON.readTree(run.out());
    assertThat(n.get("tokens").get(0).asText()).isEqualTo("<|im_start|>");
    assertThat(n.get("logprobs").size()).isEqualTo(n.get("token_ids").size() - 1);
  }

  @Test
  void tableListsEveryTokenAndThePerplexity() {
    CliRun run = CliRun.of("score", "--model", model.toString(), "--text", "abc");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines()).hasSize(1 + 3 + 1);
    assertThat(run.out()).contains("perplexity");
  }

  @Test
  void missingMessagesFileIsAOneLineError() {
    CliRun run =
        CliRun.of(
            "score",
            "--model",
            model.toString(),
            "--messages",
            tmp.resolve("nope.json").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("error: --messages")
        .contains("nope.json");
  }

  @Test
  void textAndMessagesExcludeEachOther() {
    CliRun run =
        CliRun.of("score", "--model", model.toString(), "--text", "a", "--messages", "m.json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().startsWith("error:");
  }
}

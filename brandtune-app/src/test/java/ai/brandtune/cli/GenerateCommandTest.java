package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path model;

  @BeforeAll
  static void createModel() {
    model = TinyModel.create(tmp);
  }

  @Test
  void jsonGivesOneObjectPerCompletionWithTokenCounts() throws Exception {
    CliRun run =
        CliRun.of(
            "generate",
            "--model",
            model.toString(),
            "--prompt",
            "Write a tagline",
            "--num-return",
            "3",
            "--max-new-tokens",
            "6",
            "--temperature",
            "1.0",
            "--seed",
            "7",
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> completions = parse(run);
    assertThat(completions).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode c = completions.get(i);
      assertThat(c.get("index").asInt()).isEqualTo(i);
      assertThat(c.get("prompt_tokens").asInt()).isPositive();
      int completionTokens = c.get("completion_tokens").asInt();
      assertThat(completionTokens).isBetween(1, 6).isEqualTo(c.get("token_ids").size());
      assertThat(c.get("logprobs").size()).isEqualTo(completionTokens);
      assertThat(c.get("finish_reason").asText()).isIn("stop", "length");
      assertThat(c.get("text").isTextual()).isTrue();
    }
  }

  @Test
  void rawPromptIsNotWrappedInTheChatTemplate() throws Exception {
    String prompt = "Brand voice:";
    JsonNode raw = parse(generate("--raw", "--prompt", prompt)).get(0);
    JsonNode chat = parse(generate("--chat", "--prompt", prompt)).get(0);

    // the built-in byte-level tokenizer has one token per byte
    assertThat(raw.get("prompt_tokens").asInt()).isEqualTo(prompt.length());
    assertThat(chat.get("prompt_tokens").asInt()).isGreaterThan(prompt.length());
  }

  @Test
  void sameSeedSameCompletions() throws Exception {
    CliRun a = generate("--prompt", "hello", "--temperature", "0.8", "--seed", "3");
    CliRun b = generate("--prompt", "hello", "--temperature", "0.8", "--seed", "3");

    assertThat(parse(a).get(0).get("token_ids")).isEqualTo(parse(b).get(0).get("token_ids"));
  }

  @Test
  void streamsPlainTextWithoutJson() {
    CliRun run =
        CliRun.of(
            "generate",
            "--model",
            model.toString(),
            "--prompt",
            "hi",
            "--max-new-tokens",
            "4",
            "--system",
            "You write copy.");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).endsWith(System.lineSeparator());
    assertThat(run.err()).doesNotContain("error");
  }

  @Test
  void systemPromptInRawModeIsAUserError() {
    CliRun run = generate("--raw", "--system", "x", "--prompt", "y");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("error: --system needs chat mode");
  }

  private static CliRun generate(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of("generate", "--model", model.toString(), "--max-new-tokens", "4", "--json"));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  private static List<JsonNode> parse(CliRun run) throws Exception {
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : run.outLines()) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }
}

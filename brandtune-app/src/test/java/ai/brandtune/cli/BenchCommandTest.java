package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path model;

  @BeforeAll
  static void createModel() {
    model = TinyModel.create(tmp);
  }

  @Test
  void generateReportsPositiveThroughputPerBatchSize() throws Exception {
    CliRun run =
        CliRun.of(
            "bench",
            "generate",
            "--model",
            model.toString(),
            "--batch-sizes",
            "1,2",
            "--prompt-tokens",
            "8",
            "--new-tokens",
            "4",
            "--warmup",
            "0",
            "--runs",
            "1",
            "--device",
            "cpu",
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode results = JSON.readTree(run.out()).get("results");
    assertThat(results).hasSize(2);
    assertThat(results.get(0).get("batch").asInt()).isEqualTo(1);
    assertThat(results.get(1).get("batch").asInt()).isEqualTo(2);
    for (JsonNode r : results) {
      assertThat(r.get("prefill_tokens_per_second").asDouble()).isPositive();
      assertThat(r.get("decode_tokens_per_second").asDouble()).isPositive();
    }
  }

  @Test
  void generatePrintsATable() {
    CliRun run =
        CliRun.of(
            "bench",
            "generate",
            "--model",
            model.toString(),
            "--batch-sizes",
            "1",
            "--prompt-tokens",
            "4",
            "--new-tokens",
            "3",
            "--warmup",
            "0",
            "--runs",
            "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("prefill tok/s", "decode tok/s");
    assertThat(run.outLines()).hasSize(3);
  }

  @Test
  void forwardReportsTrainingThroughputAndAFiniteLoss() throws Exception {
    CliRun run =
        CliRun.of(
            "bench",
            "forward",
            "--model",
            model.toString(),
            "--batch",
            "2",
            "--seq",
            "16",
            "--steps",
            "2",
            "--warmup",
            "1",
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode n = JSON.readTree(run.out());
    assertThat(n.get("tokens_per_second").asDouble()).isPositive();
    // a random model's cross-entropy is near ln(vocab size) = ln(259) ~ 5.56
    assertThat(n.get("last_loss").asDouble()).isBetween(4.0, 7.0);
  }

  @Test
  void promptLongerThanTheContextIsAUserError() {
    CliRun run =
        CliRun.of(
            "bench",
            "generate",
            "--model",
            model.toString(),
            "--prompt-tokens",
            "5000",
            "--new-tokens",
            "2");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString().contains("context");
  }
}

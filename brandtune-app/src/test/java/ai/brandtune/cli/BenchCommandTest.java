package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
  void sftMeasuresAnOptimizerStepForLoraAndFull() throws Exception {
    CliRun run =
        CliRun.of(
            "bench",
            "sft",
            "--model",
            model.toString(),
            "--mode",
            "lora,full",
            "--batch",
            "2",
            "--seq",
            "16",
            "--steps",
            "1",
            "--warmup",
            "0",
            "--device",
            "cpu",
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines()).hasSize(2);
    JsonNode lora = JSON.readTree(run.outLines().get(0));
    JsonNode full = JSON.readTree(run.outLines().get(1));
    assertThat(lora.get("benchmark").asText()).isEqualTo("sft");
    assertThat(lora.get("mode").asText()).isEqualTo("lora");
    assertThat(full.get("mode").asText()).isEqualTo("full");
    // tiny qwen3: hidden 64, MLP 192, 4 query heads and 2 KV heads of 16, 2 layers, vocab 259,
    // tied embeddings; a layer has two norms, q/k/v/o, q_norm and k_norm, gate/up/down
    int h = 64;
    int mlp = 192;
    int kv = 2 * 16;
    long perLayer = 2L * h + 2L * h * h + 2L * h * kv + 2 * 16 + 3L * h * mlp;
    assertThat(full.get("trainable_parameters").asLong()).isEqualTo(259L * h + 2 * perLayer + h);
    // rank 8 on all seven projections: r * (in + out) each
    long loraPerLayer = 8L * ((h + h) + 2 * (h + kv) + (h + h) + 3 * (h + mlp));
    assertThat(lora.get("trainable_parameters").asLong()).isEqualTo(2 * loraPerLayer);
    for (JsonNode n : new JsonNode[] {lora, full}) {
      assertThat(n.get("batch").asInt()).isEqualTo(2);
      assertThat(n.get("seq").asInt()).isEqualTo(16);
      assertThat(n.get("device").asText()).isEqualTo("cpu");
      double seconds = n.get("seconds_per_step").asDouble();
      assertThat(seconds).isPositive();
      assertThat(n.get("tokens_per_second").asDouble()).isCloseTo(32 / seconds, within(1e-6));
      assertThat(n.get("peak_memory_bytes").isIntegralNumber()).as(n.toString()).isTrue();
      // growth over the cell's start: 0 is possible for a tiny model when the process reuses
      // memory that earlier tests in this JVM freed
      assertThat(n.get("peak_memory_bytes").asLong()).isNotNegative().isLessThan(1L << 30);
      assertThat(n.get("memory_source").asText())
          .isIn("rss-hwm", "rss-sampled", "physical-bytes-sampled");
      // a random model's cross-entropy is near ln(vocab size) = ln(259) ~ 5.56
      assertThat(n.get("last_loss").asDouble()).isBetween(4.0, 7.0);
    }
  }

  @Test
  void sftPrintsOneTableRowPerCell() {
    CliRun run =
        CliRun.of(
            "bench",
            "sft",
            "--model",
            model.toString(),
            "--mode",
            "full",
            "--batch",
            "1,2",
            "--seq",
            "8",
            "--steps",
            "1",
            "--warmup",
            "0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("tokens/s", "peak MiB");
    assertThat(run.outLines()).hasSize(4);
    assertThat(run.outLines().get(2)).startsWith("full").contains("115264");
  }

  @Test
  void sftUnknownModeIsAUserErrorNamingTheFlag() {
    CliRun run = CliRun.of("bench", "sft", "--model", model.toString(), "--mode", "qlora");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString().contains("--mode", "qlora");
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

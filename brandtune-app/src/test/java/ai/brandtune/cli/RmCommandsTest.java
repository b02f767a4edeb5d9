package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train rm, rm eval, rm score and bench rm end to end on the tiny model. */
class RmCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path model;
  static Path data;
  static Path adapter;

  @BeforeAll
  static void setUp() throws IOException {
    model = TinyModel.create(tmp);
    data = tmp.resolve("prefs.jsonl");
    Files.write(
        data,
        List.of(
            "{\"prompt\":[{\"role\":\"user\",\"content\":\"写面霜文案\"}],\"chosen\":\"面霜修护屏障，温和。\","
                + "\"rejected\":[\"最强面霜神器！！\",\"面霜不错。\"],"
                + "\"rejected_types\":[\"exaggerated\",\"weak\"]}",
            "{\"prompt\":\"写精华文案\",\"chosen\":\"精华舒缓保湿。\",\"rejected\":\"精华秒杀第一！！\","
                + "\"rejected_type\":\"exaggerated\"}",
            "{\"prompt\":\"写防晒文案\",\"chosen\":\"防晒温和稳定。\",\"rejected\":\"防晒好用。\","
                + "\"rejected_type\":\"weak\"}"));
    adapter = tmp.resolve("rm-lora");
    Path yaml = tmp.resolve("rm.yaml");
    Files.writeString(
        yaml,
        "model_name_or_path: "
            + model
            + "\ndataset: "
            + data
            + "\neval_dataset: "
            + data
            + "\noutput_dir: "
            + adapter
            + "\nmax_steps: 2\nper_device_train_batch_size: 2\nlora_rank: 4\nprogress: false\n"
            + "device: cpu\n");
    CliRun run = CliRun.of("train", "rm", "--config", yaml.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("trained 2 steps")
        .contains("eval accuracy")
        .contains(adapter.toString());
  }

  @Test
  void evalReportsAccuracyByTypeAndDrawsTheHistogram() throws IOException {
    Path png = tmp.resolve("hist.png");
    CliRun text =
        CliRun.of(
            "rm",
            "eval",
            "--model",
            adapter.toString(),
            "--data",
            data.toString(),
            "--histogram",
            png.toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("3 examples, 4 pairs")
        .contains("exaggerated")
        .contains("weak")
        .contains("best-of-K accuracy")
        .contains("reward-length r");
    assertThat(png).isRegularFile();

    CliRun json =
        CliRun.of(
            "rm",
            "eval",
            "--model",
            adapter.toString(),
            "--data",
            data.toString(),
            "--histogram",
            png.toString(),
            "--json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode report = JSON.readTree(json.out());
    assertThat(report.get("pairs").asInt()).isEqualTo(4);
    assertThat(report.has("accuracy/exaggerated")).isTrue();
    assertThat(report.get("best_of_k_random").asDouble())
        .isEqualTo((1.0 / 3 + 1.0 / 2 + 1.0 / 2) / 3, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void evaluatesOnTheBrandKitsPreferenceSet() throws IOException {
    Path png = tmp.resolve("brand-hist.png");
    CliRun run =
        CliRun.of(
            "rm",
            "eval",
            "--model",
            adapter.toString(),
            "--brand-eval",
            // the kit's prompts are ~3700 tokens; truncation keeps every record at a fraction of
            // the cost (the whole set at full length took minutes on the tiny model)
            "--max-length",
            "96",
            "--max-prompt-length",
            "32",
            "--histogram",
            png.toString(),
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JSON.readTree(run.out());
    // the shipped set: 120 records, 40 of each rejected type, one rejected copy each
    assertThat(report.get("examples").asInt()).isEqualTo(120);
    assertThat(report.get("pairs").asInt()).isEqualTo(120);
    assertThat(report.has("accuracy/weak")).isTrue();
    assertThat(report.has("accuracy/exaggerated")).isTrue();
    assertThat(report.has("accuracy/fabricated")).isTrue();

    CliRun neither = CliRun.of("rm", "eval", "--model", adapter.toString());
    assertThat(neither.exitCode()).isNotZero();
    assertThat(neither.err()).contains("--data FILE or --brand-eval");
  }

  @Test
  void scoresOnePairAndAConversationsFileInOrder() throws IOException {
    CliRun one =
        CliRun.of(
            "rm",
            "score",
            "--model",
            adapter.toString(),
            "--prompt",
            "写面霜文案",
            "--response",
            "面霜修护屏障，温和。",
            "--json");
    assertThat(one.exitCode()).as(one.err()).isZero();
    double reward = JSON.readTree(one.out()).get("reward").asDouble();

    Path conversations = tmp.resolve("conv.jsonl");
    Files.write(
        conversations,
        List.of(
            "[{\"role\":\"user\",\"content\":\"写精华文案\"},{\"role\":\"assistant\",\"content\":\"精华秒杀！！\"}]",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"写面霜文案\"},"
                + "{\"role\":\"assistant\",\"content\":\"面霜修护屏障，温和。\"}]}"));
    CliRun many =
        CliRun.of(
            "rm",
            "score",
            "--model",
            adapter.toString(),
            "--messages",
            conversations.toString(),
            "--json");
    assertThat(many.exitCode()).as(many.err()).isZero();
    List<String> lines = many.outLines();
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines.get(1)).get("index").asInt()).isEqualTo(1);
    assertThat(JSON.readTree(lines.get(1)).get("reward").asDouble())
        .isCloseTo(reward, org.assertj.core.api.Assertions.within(1e-5));
  }

  @Test
  void aCausalLmIsNoRewardModelAndABadConversationNamesItsLine() throws IOException {
    CliRun lm =
        CliRun.of("rm", "score", "--model", model.toString(), "--prompt", "a", "--response", "b");
    assertThat(lm.exitCode()).isNotZero();
    assertThat(lm.err()).contains("not a reward model").contains("train rm");

    Path bad = tmp.resolve("bad.jsonl");
    Files.write(
        bad,
        List.of(
            "[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"}]",
            "[{\"role\":\"user\",\"content\":\"a\"}]"));
    CliRun run =
        CliRun.of("rm", "score", "--model", adapter.toString(), "--messages", bad.toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("bad.jsonl:2").contains("assistant");
  }

  @Test
  void benchReportsPairsAndTokensPerSecond() throws IOException {
    CliRun run =
        CliRun.of(
            "bench",
            "rm",
            "--model",
            model.toString(),
            "--device",
            "cpu",
            "--batch",
            "2",
            "--rejected",
            "2",
            "--seq",
            "16",
            "--steps",
            "1",
            "--warmup",
            "0",
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode n = JSON.readTree(run.out());
    assertThat(n.get("train_pairs_per_second").asDouble()).isPositive();
    assertThat(n.get("score_tokens_per_second").asDouble()).isPositive();
    assertThat(n.get("rejected").asInt()).isEqualTo(2);
  }

  @Test
  void mergingTheAdapterGivesASequenceClassificationCheckpointWithTheSameScores()
      throws IOException {
    Path merged = tmp.resolve("rm-merged");
    CliRun merge = CliRun.of("merge", "--adapter", adapter.toString(), "--out", merged.toString());
    assertThat(merge.exitCode()).as(merge.err()).isZero();
    assertThat(merge.out()).contains("reward head").contains("Qwen3ForSequenceClassification");
    assertThat(
            JSON.readTree(merged.resolve("config.json").toFile())
                .get("architectures")
                .get(0)
                .asText())
        .isEqualTo("Qwen3ForSequenceClassification");
    double[] rewards = new double[2];
    int i = 0;
    for (Path m : List.of(adapter, merged)) {
      CliRun run =
          CliRun.of(
              "rm",
              "score",
              "--model",
              m.toString(),
              "--prompt",
              "写面霜文案",
              "--response",
              "最强面霜神器！！",
              "--json");
      assertThat(run.exitCode()).as(run.err()).isZero();
      rewards[i++] = JSON.readTree(run.out()).get("reward").asDouble();
    }
    assertThat(rewards[1]).isCloseTo(rewards[0], org.assertj.core.api.Assertions.within(1e-5));

    CliRun generate = CliRun.of("generate", "--model", merged.toString(), "--prompt", "hi");
    assertThat(generate.exitCode()).isNotZero();
    assertThat(generate.err()).contains("is a reward model").contains("rm score");
  }
}

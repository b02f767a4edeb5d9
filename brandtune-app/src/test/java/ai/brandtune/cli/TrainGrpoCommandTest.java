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

/**
 * {@code train grpo} end to end on the tiny model: brand reward functions resolved by name from a
 * prompt file as {@code data export} writes it, metrics and completions logged, an adapter written;
 * a bad key or unknown reward function is a user error naming it; {@code bench grpo} reports the
 * step's time split.
 */
class TrainGrpoCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static Path model;
  static Path data;

  @BeforeAll
  static void setUp() throws IOException {
    model = TinyModel.create(tmp);
    data = tmp.resolve("prompts.jsonl");
    Files.write(
        data,
        List.of(
            "{\"prompt\":[{\"role\":\"user\",\"content\":\"写一条广告\"}],"
                + "\"meta\":{\"product_id\":\"P045\",\"content_type\":\"paid_ad_bab\"}}",
            "{\"prompt\":[{\"role\":\"user\",\"content\":\"写一篇笔记\"}],"
                + "\"meta\":{\"product_id\":\"P045\",\"content_type\":\"social_media_review\"}}"));
  }

  private static Path config(String name, String extra) throws IOException {
    Path yaml = tmp.resolve(name + ".yaml");
    Files.writeString(
        yaml,
        "model_name_or_path: "
            + model
            + "\ndataset: "
            + data
            + "\noutput_dir: "
            + tmp.resolve(name)
            + "\nmax_steps: 2\nnum_generations: 4\ngeneration_batch_size: 8\n"
            + "max_completion_length: 8\nlogging_steps: 1\nlog_completions_steps: 1\n"
            + "learning_rate: 1.0e-3\nprogress: false\ndevice: cpu\n"
            + extra);
    return yaml;
  }

  @Test
  void trainsWithBrandRewardsAndLogsEveryFunction() throws IOException {
    Path yaml =
        config(
            "brand",
            "reward_funcs: [brand_hype, brand_length, brand_cta]\n"
                + "reward_weights: [1.0, 0.5, 1.0]\nbeta: 0.04\n");
    CliRun run = CliRun.of("train", "grpo", "--config", yaml.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path out = tmp.resolve("brand");
    assertThat(run.out())
        .contains("trained 2 steps")
        .contains("mean reward")
        .contains(out.toString());
    assertThat(out.resolve("adapter_model.safetensors")).exists();
    String metrics = Files.readString(out.resolve("metrics.jsonl"));
    assertThat(metrics)
        .contains("\"rewards/brand_hype/mean\"")
        .contains("\"rewards/brand_length/mean\"")
        .contains("\"rewards/brand_cta/abstained\"")
        .contains("\"kl\"");
    List<String> completions = Files.readAllLines(out.resolve("completions.jsonl"));
    assertThat(completions).hasSize(16);
    JsonNode first = JSON.readTree(completions.get(0));
    assertThat(first.get("rewards").has("brand_hype")).isTrue();
  }

  @Test
  void unknownRewardFunctionAndTyposAreUserErrors() throws IOException {
    Path yaml = config("bad", "reward_funcs: [brand_hyp]\n");
    CliRun run = CliRun.of("train", "grpo", "--config", yaml.toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("brand_hyp").contains("brand_hype").doesNotContain("Exception");

    CliRun typo =
        CliRun.of("train", "grpo", "--config", yaml.toString(), "--set", "num_generation=4");
    assertThat(typo.exitCode()).isNotZero();
    assertThat(typo.err()).contains("did you mean 'num_generations'");
  }

  @Test
  void benchReportsTheStepTimeSplit() throws IOException {
    CliRun run =
        CliRun.of(
            "bench",
            "grpo",
            "--model",
            model.toString(),
            "--device",
            "cpu",
            "--prompts",
            "1",
            "--generations",
            "2",
            "--max-completion-length",
            "4",
            "--steps",
            "1",
            "--warmup",
            "0",
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode row = JSON.readTree(run.out().strip());
    assertThat(row.get("generation_s").asDouble()).isPositive();
    assertThat(row.get("reference_s").asDouble()).isPositive();
    assertThat(row.get("update_s").asDouble()).isPositive();
    assertThat(row.get("generation_tokens_per_s").asDouble()).isPositive();
  }
}

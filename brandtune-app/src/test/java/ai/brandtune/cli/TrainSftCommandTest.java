package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainSftCommandTest {
  @TempDir static Path tmp;
  static Path model;
  static Path data;

  @BeforeAll
  static void setUp() throws IOException {
    model = TinyModel.create(tmp);
    data = tmp.resolve("train.jsonl");
    Files.write(
        data,
        List.of(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"hello\"}]}",
            "{\"instruction\":\"name the brand\",\"input\":\"\",\"output\":\"原素方程\"}",
            "{\"prompt\":\"2+2?\",\"completion\":\"4\"}"));
  }

  private static Path config(String name, String extra) throws IOException {
    Path out = tmp.resolve(name);
    Path yaml = tmp.resolve(name + ".yaml");
    Files.writeString(
        yaml,
        "model_name_or_path: "
            + model
            + "\ndataset: "
            + data
            + "\noutput_dir: "
            + out
            + "\nmax_steps: 4\nsave_steps: 2\nper_device_train_batch_size: 2\nprogress: false\n"
            + "device: cpu\n"
            + extra);
    return yaml;
  }

  @Test
  void trainsLoraThenGeneratesFromTheAdapterDirectory() throws IOException {
    Path yaml = config("lora", "lora_rank: 4\nlora_target: q_proj,v_proj\nval_size: 0.34\n");
    CliRun run = CliRun.of("train", "sft", "--config", yaml.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path out = tmp.resolve("lora");
    assertThat(run.out())
        .contains("trained 4 steps")
        .contains("eval loss")
        .contains(out.toString());
    assertThat(out.resolve("adapter_config.json")).exists();
    assertThat(out.resolve("adapter_model.safetensors")).exists();
    assertThat(out.resolve("checkpoint-2")).isDirectory();
    assertThat(out.resolve("checkpoint-4")).isDirectory();
    assertThat(Files.readString(out.resolve("metrics.jsonl"))).contains("\"eval_loss\"");

    CliRun gen =
        CliRun.of("generate", "--model", out.toString(), "--prompt", "hi", "--max-new-tokens", "3");
    assertThat(gen.exitCode()).as(gen.err()).isZero();
  }

  @Test
  void resumeContinuesWithMoreSteps() throws IOException {
    Path yaml = config("resume", "finetuning_type: full\npacking: true\nmax_length: 128\n");
    assertThat(CliRun.of("train", "sft", "--config", yaml.toString()).exitCode()).isZero();
    CliRun more =
        CliRun.of("train", "sft", "--config", yaml.toString(), "--resume", "--set", "max_steps=6");
    assertThat(more.exitCode()).as(more.err()).isZero();
    assertThat(more.out()).contains("trained 6 steps");
    assertThat(tmp.resolve("resume").resolve("model.safetensors")).exists();
  }

  @Test
  void unknownKeyIsAnErrorNamingTheLineAndTheClosestKey() throws IOException {
    Path yaml = config("typo", "learning_rat: 1e-4\n");
    CliRun run = CliRun.of("train", "sft", "--config", yaml.toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err())
        .contains(yaml + ":9")
        .contains("learning_rat")
        .contains("did you mean 'learning_rate'");
    assertThat(run.err()).doesNotContain("Exception");
  }

  @Test
  void badRecordNamesFileAndLineUnlessSkipped() throws IOException {
    Path bad = tmp.resolve("bad.jsonl");
    Files.write(
        bad,
        List.of(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"yo\"}]}",
            "{\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}"));
    Path yaml = config("bad", "");
    CliRun run = CliRun.of("train", "sft", "--config", yaml.toString(), "--set", "dataset=" + bad);
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains(bad + ":2").contains("robot");

    CliRun skipped =
        CliRun.of(
            "train",
            "sft",
            "--config",
            yaml.toString(),
            "--set",
            "dataset=" + bad,
            "--set",
            "on_bad_record=skip",
            "--set",
            "max_steps=1");
    assertThat(skipped.exitCode()).as(skipped.err()).isZero();
  }
}

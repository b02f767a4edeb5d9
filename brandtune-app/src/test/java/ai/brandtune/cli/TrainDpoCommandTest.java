package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainDpoCommandTest {
  @TempDir static Path tmp;
  static Path model;
  static Path data;

  @BeforeAll
  static void setUp() throws IOException {
    model = TinyModel.create(tmp);
    data = tmp.resolve("pairs.jsonl");
    Files.write(
        data,
        List.of(
            "{\"prompt\":[{\"role\":\"user\",\"content\":\"Describe the lamp\"}],"
                + "\"chosen\":\"A calm, warm light.\",\"rejected\":\"BEST LAMP EVER!!!\"}",
            "{\"prompt\":\"Describe the mug\",\"chosen\":\"Holds 300 ml of tea.\","
                + "\"rejected\":[\"MIRACLE MUG!!!\",\"mug\"],\"rejected_types\":[\"exaggerated\",\"weak\"]}",
            "{\"prompt\":\"Describe the chair\",\"chosen\":\"Oak, with a woven seat.\","
                + "\"rejected\":\"The chair cures back pain.\",\"rejected_type\":\"fabricated\"}"));
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
            + "\nmax_steps: 3\nper_device_train_batch_size: 2\nlogging_steps: 1\n"
            + "learning_rate: 1.0e-3\nprogress: false\ndevice: cpu\n"
            + extra);
    return yaml;
  }

  @Test
  void trainsLoraDpoThenGeneratesFromTheAdapterDirectory() throws IOException {
    Path yaml = config("lora", "lora_rank: 4\nbeta: 0.2\neval_dataset: " + data + "\n");
    CliRun run = CliRun.of("train", "dpo", "--config", yaml.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path out = tmp.resolve("lora");
    assertThat(run.out())
        .contains("trained 3 steps")
        .contains("eval loss")
        .contains(out.toString());
    assertThat(out.resolve("adapter_config.json")).exists();
    assertThat(out.resolve("adapter_model.safetensors")).exists();
    assertThat(out.resolve("training_config.yaml")).content().contains("beta: 0.2");
    String metrics = Files.readString(out.resolve("metrics.jsonl"));
    assertThat(metrics)
        .contains("\"rewards/chosen\"")
        .contains("\"rewards/rejected\"")
        .contains("\"rewards/accuracies\"")
        .contains("\"rewards/margins\"")
        .contains("\"logps/chosen\"")
        .contains("\"logps/rejected\"")
        .contains("\"eval_rewards/accuracies\"");

    CliRun gen =
        CliRun.of("generate", "--model", out.toString(), "--prompt", "hi", "--max-new-tokens", "3");
    assertThat(gen.exitCode()).as(gen.err()).isZero();
  }

  @Test
  void badLossSettingsNameTheKey() throws IOException {
    Path yaml = config("bad", "loss_type: ipo\nlabel_smoothing: 0.1\n");
    CliRun run = CliRun.of("train", "dpo", "--config", yaml.toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains(yaml.toString()).contains("label_smoothing").contains("ipo");
    assertThat(run.err()).doesNotContain("Exception");

    CliRun typo = CliRun.of("train", "dpo", "--config", yaml.toString(), "--set", "bta=0.2");
    assertThat(typo.exitCode()).isNotZero();
    assertThat(typo.err()).contains("did you mean 'beta'");
  }
}

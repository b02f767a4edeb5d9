package ai.brandtune.train.sft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.train.ConfigFile;
import ai.brandtune.train.LrSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftConfigTest {
  @TempDir Path dir;

  private Path yaml(String text) throws IOException {
    Path f = dir.resolve("sft.yaml");
    Files.writeString(f, text);
    return f;
  }

  private static final String MINIMAL =
      "model_name_or_path: runs/tiny\ndataset: data/train.jsonl\noutput_dir: runs/sft\n";

  @Test
  void readsKeysAndFillsDefaults() throws IOException {
    Path f =
        yaml(
            MINIMAL
                + "lora_target: q_proj,v_proj\nlearning_rate: 2.0e-4\nlr_scheduler_type: linear\n"
                + "lora_rank: 16\n");
    SftConfig c = ConfigFile.read(f, List.of(), SftConfig.class);
    assertThat(c.loraTarget()).containsExactly("q_proj", "v_proj");
    assertThat(c.loraRank()).isEqualTo(16);
    assertThat(c.loraAlpha()).isEqualTo(32.0); // 2 x rank unless set
    assertThat(c.loop().learningRate()).isEqualTo(2e-4);
    assertThat(c.dataset()).containsExactly("data/train.jsonl");
    assertThat(c.finetuningType()).isEqualTo("lora");
    assertThat(c.loop().trainingArguments().lrSchedulerType()).isEqualTo(LrSchedule.Type.LINEAR);
    assertThat(c.loop().trainingArguments().outputDir()).isEqualTo(Path.of("runs/sft"));
  }

  @Test
  void overridesWinOverTheFile() throws IOException {
    Path f = yaml(MINIMAL + "max_steps: 100\n");
    SftConfig c =
        ConfigFile.read(
            f,
            List.of("max_steps=7", "lora_target=[q_proj, k_proj]", "packing=true"),
            SftConfig.class);
    assertThat(c.loop().maxSteps()).isEqualTo(7);
    assertThat(c.loraTarget()).containsExactly("q_proj", "k_proj");
    assertThat(c.packing()).isTrue();
  }

  @Test
  void unknownKeyNamesLineAndClosestKey() throws IOException {
    Path f = yaml(MINIMAL + "lora_rnk: 8\n");
    assertThatThrownBy(() -> ConfigFile.read(f, List.of(), SftConfig.class))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining(f + ":4")
        .hasMessageContaining("lora_rnk")
        .hasMessageContaining("did you mean 'lora_rank'");
    assertThatThrownBy(() -> ConfigFile.read(null, List.of("learning_rte=1"), SftConfig.class))
        .hasMessageContaining("learning_rte")
        .hasMessageContaining("learning_rate");
  }

  @Test
  void wrongTypeNamesLineAndKey() throws IOException {
    Path f = yaml(MINIMAL + "num_train_epochs: three\n");
    assertThatThrownBy(() -> ConfigFile.read(f, List.of(), SftConfig.class))
        .hasMessageContaining(f + ":4")
        .hasMessageContaining("num_train_epochs")
        .hasMessageContaining("three");
  }

  @Test
  void invalidValuesAndMissingKeysAreNamed() throws IOException {
    Path f = yaml(MINIMAL + "finetuning_type: qlora\n");
    assertThatThrownBy(() -> ConfigFile.read(f, List.of(), SftConfig.class))
        .hasMessageContaining("finetuning_type")
        .hasMessageContaining("qlora");
    Path g = yaml("dataset: a.jsonl\noutput_dir: out\n");
    assertThatThrownBy(() -> ConfigFile.read(g, List.of(), SftConfig.class))
        .hasMessageContaining("model_name_or_path is required");
    Path h = yaml(MINIMAL + "seed: 1\nseed: 2\n");
    assertThatThrownBy(() -> ConfigFile.read(h, List.of(), SftConfig.class))
        .hasMessageContaining(h + ":5")
        .hasMessageContaining("seed set twice");
  }
}

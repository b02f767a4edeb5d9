package ai.brandtune.train.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.train.ConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewardConfigTest {
  @TempDir Path dir;

  private static final String MINIMAL =
      "model_name_or_path: runs/tiny\ndataset: data/pref.jsonl\noutput_dir: runs/rm\n";

  private RewardConfig read(String text, String... overrides) throws IOException {
    Path f = dir.resolve("rm.yaml");
    Files.writeString(f, text);
    return ConfigFile.read(f, List.of(overrides), RewardConfig.class);
  }

  @Test
  void fillsTheDocumentedDefaults() throws IOException {
    RewardConfig c = read(MINIMAL);
    assertThat(c.lossType()).isEqualTo("pairwise_mean");
    assertThat(c.hingeAlpha()).isEqualTo(1.0);
    assertThat(c.centerRewardsCoefficient()).isEqualTo(0.0);
    assertThat(c.maxLength()).isEqualTo(1024);
    assertThat(c.maxPromptLength()).isEqualTo(512);
    assertThat(c.loop().numTrainEpochs()).isEqualTo(1);
    assertThat(c.finetuningType()).isEqualTo("lora");
    assertThat(c.loss().type()).isEqualTo(RewardLoss.Type.PAIRWISE_MEAN);
    assertThat(c.encoderOptions().maxPromptLength()).isEqualTo(512);
  }

  @Test
  void lossKeysAreRead() throws IOException {
    RewardConfig c =
        read(
            MINIMAL + "loss_type: hardest_negative\nhinge_alpha: 0.5\n",
            "center_rewards_coefficient=0.01");
    assertThat(c.loss().type()).isEqualTo(RewardLoss.Type.HARDEST_NEGATIVE);
    assertThat(c.hingeAlpha()).isEqualTo(0.5);
    assertThat(c.centerRewardsCoefficient()).isEqualTo(0.01);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> read(MINIMAL + "loss_type: hinge\n"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("loss_type")
        .hasMessageContaining("hardest_negative");
    assertThatThrownBy(() -> read(MINIMAL + "max_length: 256\nmax_prompt_length: 256\n"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("max_prompt_length");
    assertThatThrownBy(() -> read(MINIMAL + "center_rewards_coefficient: -1\n"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("center_rewards_coefficient");
    assertThatThrownBy(() -> read(MINIMAL + "center_reward_coefficient: 0.01\n"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("rm.yaml:4")
        .hasMessageContaining("center_rewards_coefficient");
  }
}

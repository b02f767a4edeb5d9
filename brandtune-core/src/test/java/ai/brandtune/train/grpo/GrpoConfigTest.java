package ai.brandtune.train.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.train.ConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** GrpoConfig: TRL's defaults, the derived batch, and errors that name the key. */
class GrpoConfigTest {
  static GrpoConfig read(String... overrides) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "model_name_or_path=m",
                "dataset=d.jsonl",
                "output_dir=o",
                "reward_funcs=[brand_hype]"));
    all.addAll(List.of(overrides));
    return ConfigFile.read(null, all, GrpoConfig.class);
  }

  @Test
  void defaultsFollowTrl() {
    GrpoConfig c = read();
    assertThat(c.numGenerations()).isEqualTo(8);
    assertThat(c.maxCompletionLength()).isEqualTo(256);
    assertThat(c.beta()).isZero();
    assertThat(c.epsilon()).isEqualTo(0.2);
    assertThat(c.epsilonHigh()).isEqualTo(0.2);
    assertThat(c.lossType()).isEqualTo("dapo");
    assertThat(c.scaleRewards()).isEqualTo("group");
    assertThat(c.numIterations()).isEqualTo(1);
    assertThat(c.temperature()).isEqualTo(1.0);
    assertThat(c.loop().learningRate()).isEqualTo(1e-6);
    assertThat(c.rewardWeights()).containsExactly(1.0);
    // 4 rows per step rounded up to one group of 8
    assertThat(c.generationBatchSize()).isEqualTo(8);
    assertThat(c.promptsPerStep()).isEqualTo(1);
    assertThat(c.loss().needsReference()).isFalse();
  }

  @Test
  void keysParse() {
    GrpoConfig c =
        read(
            "per_device_train_batch_size=8",
            "gradient_accumulation_steps=3",
            "num_generations=4",
            "epsilon_high=0.28",
            "loss_type=DR_GRPO",
            "scale_rewards=false",
            "beta=0.04");
    assertThat(c.generationBatchSize()).isEqualTo(24);
    assertThat(c.promptsPerStep()).isEqualTo(6);
    assertThat(c.epsilonHigh()).isEqualTo(0.28);
    assertThat(c.lossType()).isEqualTo("dr_grpo");
    assertThat(c.scaleRewards()).isEqualTo("none");
    assertThat(c.loss().needsReference()).isTrue();
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> read("num_generations=1"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("num_generations");
    assertThatThrownBy(() -> read("generation_batch_size=12"))
        .hasMessageContaining("generation_batch_size");
    assertThatThrownBy(() -> read("reward_weights=[1.0, 2.0]"))
        .hasMessageContaining("reward_weights");
    assertThatThrownBy(() -> read("loss_type=ppo")).hasMessageContaining("loss_type");
    assertThatThrownBy(() -> read("scale_rewards=std")).hasMessageContaining("scale_rewards");
    assertThatThrownBy(() -> read("finetuning_type=full")).hasMessageContaining("finetuning_type");
    assertThatThrownBy(() -> read("top_p=0")).hasMessageContaining("top_p");
    assertThatThrownBy(() -> read("reward_model_centering=mean"))
        .hasMessageContaining("reward_model_centering");
    assertThatThrownBy(
            () ->
                ConfigFile.read(
                    null,
                    List.of("model_name_or_path=m", "dataset=d", "output_dir=o"),
                    GrpoConfig.class))
        .hasMessageContaining("reward_funcs");
  }

  /** docs/training.md's GRPO key table lists exactly the keys GrpoConfig accepts. */
  @Test
  void everyKeyIsDocumented() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "training.md"));
    String grpo = docs.substring(docs.indexOf("## GRPO"));
    int next = grpo.indexOf("\n## ", 1);
    grpo = next < 0 ? grpo : grpo.substring(0, next);
    String table = grpo.substring(grpo.indexOf("### Keys"));
    Set<String> documented = new TreeSet<>();
    for (String line : table.lines().toList()) {
      if (line.startsWith("| `")) {
        String first = line.substring(2, line.indexOf(" |", 2));
        Matcher m = Pattern.compile("`([a-z0-9_]+)`").matcher(first);
        while (m.find()) {
          documented.add(m.group(1));
        }
      }
    }
    assertThat(documented).isEqualTo(ConfigFile.knownKeys(GrpoConfig.class));
  }
}

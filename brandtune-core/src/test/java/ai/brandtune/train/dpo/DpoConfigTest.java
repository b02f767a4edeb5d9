package ai.brandtune.train.dpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.MicroModels;
import ai.brandtune.train.ConfigFile;
import ai.brandtune.train.LoraTrainable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

class DpoConfigTest {
  private static final List<String> MINIMAL =
      List.of("model_name_or_path=runs/sft", "dataset=data/pref.jsonl", "output_dir=runs/dpo");

  private static DpoConfig read(String... more) {
    List<String> all = new java.util.ArrayList<>(MINIMAL);
    all.addAll(List.of(more));
    return ConfigFile.read(null, all, DpoConfig.class);
  }

  @Test
  void defaultsAreTrlsForTheAlgorithm() {
    DpoConfig c = read();
    assertThat(c.beta()).isEqualTo(0.1);
    assertThat(c.lossType()).isEqualTo("sigmoid");
    assertThat(c.labelSmoothing()).isZero();
    assertThat(c.rpoAlpha()).isZero();
    assertThat(c.maxLength()).isEqualTo(1024);
    assertThat(c.maxPromptLength()).isEqualTo(512);
    assertThat(c.loop().learningRate()).isEqualTo(1e-6);
    assertThat(c.precomputeRefLogProbs()).isFalse();
    assertThat(c.refModel()).isNull();
    assertThat(c.lora()).isTrue();
    assertThat(c.loss()).isEqualTo(new DpoLoss(DpoLossType.SIGMOID, 0.1, 0, 0));
    assertThat(read("loss_type=IPO", "beta=0.5").loss().type()).isEqualTo(DpoLossType.IPO);
  }

  @Test
  void invalidValuesNameTheKey() {
    assertThatThrownBy(() -> read("loss_type=kto"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("loss_type")
        .hasMessageContaining("kto");
    assertThatThrownBy(() -> read("beta=0")).hasMessageContaining("beta");
    assertThatThrownBy(() -> read("loss_type=hinge", "label_smoothing=0.2"))
        .hasMessageContaining("label_smoothing")
        .hasMessageContaining("hinge");
    assertThatThrownBy(() -> read("max_length=256", "max_prompt_length=256"))
        .hasMessageContaining("max_prompt_length");
    assertThatThrownBy(() -> read("finetuning_type=qlora")).hasMessageContaining("qlora");
    assertThatThrownBy(() -> read("bta=0.2")).hasMessageContaining("did you mean 'beta'");
  }

  /** As TRL's disable_dropout: the LoRA policy trains without dropout unless asked. */
  @Test
  void disableDropoutTurnsOffLoraDropout() {
    CausalLm model =
        MicroModels.causalLm(
            MicroModels.qwen2Tied(),
            MicroModels.randomWeights(MicroModels.qwen2Tied(), 1),
            ScalarType.Float);
    LoraTrainable on = (LoraTrainable) DpoTrainer.trainable(read("lora_dropout=0.5"), model);
    assertThat(on.lora().config().dropout()).isZero();
    on.lora().detach();
    LoraTrainable off =
        (LoraTrainable)
            DpoTrainer.trainable(read("lora_dropout=0.5", "disable_dropout=false"), model);
    assertThat(off.lora().config().dropout()).isEqualTo(0.5);
  }

  /** docs/training.md lists exactly the keys DpoConfig accepts. */
  @Test
  void everyKeyIsDocumented() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "training.md"));
    String dpo = docs.substring(docs.indexOf("## DPO"));
    int next = dpo.indexOf("\n## ", 1);
    dpo = next < 0 ? dpo : dpo.substring(0, next); // the DPO section only
    String table = dpo.substring(dpo.indexOf("### Keys"));
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
    assertThat(documented).isEqualTo(ConfigFile.knownKeys(DpoConfig.class));
  }
}

package ai.brandtune.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {
  @TempDir Path dir;

  private Project load(String yaml) throws Exception {
    Path file = dir.resolve("project.yaml");
    Files.writeString(file, yaml);
    return Project.load(file, PipelineStages.names());
  }

  @Test
  void readsEveryTopLevelKeyAndResolvesPathsAgainstTheFile() throws Exception {
    Project p =
        load(
            """
            name: acme
            kit: kit
            base_model: ../models/qwen
            teacher: {base_url: "http://localhost:1/v1", model: m, api_key_env: K}
            device: cuda
            precision: bfloat16
            seed: 7
            sft: {learning_rate: 2.0e-4}
            """);
    assertThat(p.name()).isEqualTo("acme");
    assertThat(p.kit()).isEqualTo(dir.toAbsolutePath().resolve("kit"));
    assertThat(p.baseModel()).isEqualTo(dir.toAbsolutePath().getParent().resolve("models/qwen"));
    assertThat(p.teacher().get("api_key_env").asText()).isEqualTo("K");
    assertThat(p.bf16()).isTrue();
    assertThat(p.seed()).isEqualTo(7);
    assertThat(p.stage("sft").get("learning_rate").asDouble()).isEqualTo(2e-4);
    assertThat(p.stage("rm").isEmpty()).isTrue();
  }

  @Test
  void theBuiltInDefaultIsOfflineOnTheTinyModel() {
    Project p = Project.defaults();
    assertThat(p.baseModel()).isNull();
    assertThat(p.teacher()).isNull();
    assertThat(p.bf16()).isFalse();
    assertThat(p.name()).isEqualTo("default");
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> load("precision: fp8\n"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("precision");
    assertThatThrownBy(() -> load("sft: 3\n"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("project.yaml:1")
        .hasMessageContaining("sft");
    assertThatThrownBy(() -> load("name: a/b\n"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("name");
  }

  @Test
  void aStageBlockMayNotSetThePathsThatConnectStagesNorUnknownKeys() throws Exception {
    Project owned = load("sft: {dataset: [x.jsonl]}\n");
    PipelineContext c1 = new PipelineContext(owned, dir.resolve("runs/x"), false);
    assertThatThrownBy(() -> new SftStage().config(c1))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("sft.dataset")
        .hasMessageContaining("set by the pipeline");
    Project typo = load("rm: {lerning_rate: 1}\n");
    PipelineContext c2 = new PipelineContext(typo, dir.resolve("runs/x"), false);
    assertThatThrownBy(() -> new RmStage().config(c2))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("rm.lerning_rate")
        .hasMessageContaining("learning_rate");
  }

  @Test
  void aBaseModelDropsPretrainingAndTrainsLora() throws Exception {
    Project p = load("base_model: /models/qwen\n");
    PipelineContext c = new PipelineContext(p, dir.resolve("runs/x"), true);
    assertThat(new PretrainStage().enabled(c)).isFalse();
    assertThat(new SftStage().inputs(c)).containsExactly("data");
    assertThat(new SftStage().config(c).get("finetuning_type").asText()).isEqualTo("lora");
    assertThat(new SftStage().config(c).get("model_name_or_path").asText())
        .isEqualTo("/models/qwen");
    // a LoRA SFT leaves an adapter: the reward model starts from the base model
    assertThat(new RmStage().config(c).get("model_name_or_path").asText())
        .isEqualTo("/models/qwen");
    assertThat(new RmStage().config(c).get("max_steps").asInt()).isEqualTo(20);
  }
}

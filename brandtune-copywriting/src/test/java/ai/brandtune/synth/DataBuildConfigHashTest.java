package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.llm.LlmConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The config part of a stage's input hash: only the keys the stage reads count. */
class DataBuildConfigHashTest {
  static final SynthConfig BASE = SynthConfig.defaults();

  @Test
  void onlyTheKeysAStageReadsChangeItsHash() {
    SynthConfig otherRatio = BASE.toBuilder().valRatio(0.3).build();

    assertThat(DataBuild.configHash(otherRatio, List.of("val_ratio", "seed")))
        .isNotEqualTo(DataBuild.configHash(BASE, List.of("val_ratio", "seed")));
    assertThat(DataBuild.configHash(otherRatio, List.of("export")))
        .isEqualTo(DataBuild.configHash(BASE, List.of("export")));
    assertThat(DataBuild.configHash(BASE, List.of("seed", "val_ratio")))
        .isEqualTo(DataBuild.configHash(SynthConfig.defaults(), List.of("val_ratio", "seed")));
  }

  @Test
  void nestedBlocksHashByValue() {
    SynthConfig teacher =
        BASE.toBuilder()
            .teacher(LlmConfig.builder("http://localhost:8000/v1", "qwen").build())
            .build();
    SynthConfig otherModel =
        BASE.toBuilder()
            .teacher(LlmConfig.builder("http://localhost:8000/v1", "deepseek").build())
            .build();
    SynthConfig prefixed =
        BASE.toBuilder().export(new ExportOptions("yuansu", null, null, null)).build();

    assertThat(DataBuild.configHash(teacher, List.of("teacher")))
        .isEqualTo(
            DataBuild.configHash(
                BASE.toBuilder()
                    .teacher(LlmConfig.builder("http://localhost:8000/v1/", "qwen").build())
                    .build(),
                List.of("teacher")))
        .isNotEqualTo(DataBuild.configHash(otherModel, List.of("teacher")))
        .isNotEqualTo(DataBuild.configHash(BASE, List.of("teacher")));
    assertThat(DataBuild.configHash(prefixed, List.of("export")))
        .isNotEqualTo(DataBuild.configHash(BASE, List.of("export")));
  }
}

package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthConfigTest {
  @TempDir Path tmp;

  @Test
  void defaultsAreOfflineWithTheBriefsMix() {
    SynthConfig c = SynthConfig.defaults();
    assertThat(c.hasTeacher()).isFalse();
    assertThat(c.seed()).isEqualTo(42L);
    assertThat(c.rejectsPerChosen()).isEqualTo(1);
    assertThat(c.rejectMix().shares())
        .containsExactly(
            java.util.Map.entry("weak", 0.5),
            java.util.Map.entry("exaggerated", 0.3),
            java.util.Map.entry("fabricated", 0.2));
    assertThat(c.llmCleanPasses()).containsExactly("rewrite", "add_cta", "enrich");
  }

  @Test
  void readsNestedBlocks() throws IOException {
    Path f = tmp.resolve("data.yaml");
    Files.writeString(
        f,
        """
        seed: 7
        teacher:
          base_url: http://localhost:8000/v1
          model: deepseek-chat
          api_key_env: DEEPSEEK_API_KEY
        reject_mix: {weak: 2, exaggerated: 1, fabricated: 1}
        rejects_per_chosen: 2
        content_types: [paid_ad_pas, paid_ad_cta]
        llm_clean_passes: [add_cta]
        """);
    SynthConfig c = SynthConfig.load(f, List.of("val_ratio=0.2"));
    assertThat(c.seed()).isEqualTo(7L);
    assertThat(c.teacher().model()).isEqualTo("deepseek-chat");
    assertThat(c.rejectMix().shares().get("weak")).isCloseTo(0.5, within(1e-12));
    assertThat(c.rejectsPerChosen()).isEqualTo(2);
    assertThat(c.contentTypes()).containsExactly("paid_ad_pas", "paid_ad_cta");
    assertThat(c.llmCleanPasses()).containsExactly("add_cta");
    assertThat(c.valRatio()).isEqualTo(0.2);
  }

  @Test
  void unknownNestedKeyNamesFileLineAndClosestKey() throws IOException {
    Path f = tmp.resolve("data.yaml");
    Files.writeString(
        f,
        """
        seed: 7
        teacher:
          base_url: http://localhost:8000/v1
          model: m
          api_key: sk-123
        """);
    assertThatThrownBy(() -> SynthConfig.load(f, List.of()))
        .hasMessage(f + ":5: unknown key 'teacher.api_key' (did you mean 'teacher.api_key_env'?)");
  }

  @Test
  void unknownTopLevelKeyAndBadValuesAreErrors() throws IOException {
    Path f = tmp.resolve("data.yaml");
    Files.writeString(f, "seed: 1\nreject_mixx: {weak: 1}\n");
    assertThatThrownBy(() -> SynthConfig.load(f, List.of()))
        .hasMessageContaining(f + ":2: unknown key 'reject_mixx' (did you mean 'reject_mix'?)");
    assertThatThrownBy(() -> SynthConfig.load(null, List.of("llm_clean_passes=[polish]")))
        .hasMessageContaining("llm_clean_passes: unknown pass 'polish'");
    assertThatThrownBy(() -> SynthConfig.load(null, List.of("rejects_per_chosen=0")))
        .hasMessageContaining("rejects_per_chosen");
  }
}

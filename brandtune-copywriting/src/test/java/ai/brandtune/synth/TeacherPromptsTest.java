package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.text.ChatMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherPromptsTest {
  @TempDir Path tmp;

  static final List<String> ALL =
      List.of(
          TeacherPrompts.GENERATE,
          TeacherPrompts.CLEAN_REWRITE,
          TeacherPrompts.CLEAN_ADD_CTA,
          TeacherPrompts.CLEAN_ENRICH,
          TeacherPrompts.REJECTS_WEAK,
          TeacherPrompts.REJECTS_EXAGGERATED,
          TeacherPrompts.REJECTS_FABRICATED);

  @Test
  void everyBuiltInPromptRendersWithTheValuesTheStagesGive() {
    BrandKit kit = BrandKit.builtIn();
    try (SynthContext ctx = SynthContext.of(SynthConfig.defaults(), kit, null)) {
      Map<String, String> values =
          PromptValues.of(ctx, kit.requireProduct("P001"), kit.requireContentType("paid_ad_pas"));
      values.put("copy", "文案正文");
      values.put("problems", "- 问题");
      TeacherPrompts prompts = new TeacherPrompts(null);
      for (String id : ALL) {
        TeacherPrompt p = prompts.get(id);
        assertThat(p.versionId()).isEqualTo(id + "@1");
        List<ChatMessage> m = p.render(values);
        assertThat(m.get(m.size() - 1).role()).isEqualTo("user");
        assertThat(String.join("\n", m.stream().map(ChatMessage::content).toList()))
            .as(id)
            .doesNotContainPattern("\\{[a-z_]+\\}");
      }
      assertThat(prompts.get(TeacherPrompts.GENERATE).render(values))
          .isEqualTo(ctx.prompts().build("P001", "paid_ad_pas"));
      assertThat(values.get("product_facts")).startsWith("- 产品名称：绿茶抗氧面膜").doesNotContain("长度");
    }
  }

  @Test
  void aPromptFileInPromptsDirReplacesTheBuiltInOneAndIsChecked() throws IOException {
    Files.writeString(
        tmp.resolve("clean_enrich.yaml"), "id: clean_enrich\nversion: 5\nuser: \"{copy}\"\n");
    TeacherPrompts prompts = new TeacherPrompts(tmp);
    assertThat(prompts.get(TeacherPrompts.CLEAN_ENRICH).versionId()).isEqualTo("clean_enrich@5");
    assertThat(prompts.get(TeacherPrompts.CLEAN_ENRICH).render(Map.of("copy", "x")))
        .containsExactly(ChatMessage.user("x"));
    assertThat(prompts.get(TeacherPrompts.GENERATE).source()).startsWith("built-in:");

    Files.writeString(tmp.resolve("rejects_weak.yaml"), "id: weak\nversion: 1\nuser: x\n");
    assertThatThrownBy(() -> prompts.get(TeacherPrompts.REJECTS_WEAK))
        .hasMessage(
            tmp.resolve("rejects_weak.yaml")
                + ": id 'weak' must equal the file name 'rejects_weak'");
    Files.writeString(
        tmp.resolve("rejects_fabricated.yaml"), "id: rejects_fabricated\nversion: 1\nusr: x\n");
    assertThatThrownBy(() -> prompts.get(TeacherPrompts.REJECTS_FABRICATED))
        .hasMessageContaining("unknown key 'usr'");
  }
}

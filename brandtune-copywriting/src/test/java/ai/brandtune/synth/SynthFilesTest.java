package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthFilesTest {
  @TempDir Path tmp;

  static final List<ChatMessage> PROMPT =
      List.of(ChatMessage.system("系统"), ChatMessage.user("写一条广告"));

  static Map<String, Object> meta(String product, String type) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("product_id", product);
    m.put("content_type", type);
    m.put("stage", "generate");
    m.put("teacher", null);
    m.put("history", List.of(Map.of("pass", "rules", "changed", true)));
    return m;
  }

  @Test
  void copiesRoundTripWithMetaOrderAndNulls() throws IOException {
    Path f = tmp.resolve("out/generated.jsonl");
    List<CopyRecord> records =
        List.of(
            new CopyRecord(PROMPT, "第一条\n换行", meta("P001", "paid_ad_pas")),
            new CopyRecord(PROMPT, "第二条", meta("P002", "paid_ad_cta")));

    SynthFiles.writeCopies(f, records);
    List<CopyRecord> back = SynthFiles.readCopies(f);

    assertThat(back).hasSize(2);
    assertThat(back.get(0).completion()).isEqualTo("第一条\n换行");
    assertThat(back.get(0).prompt()).isEqualTo(PROMPT);
    assertThat(back.get(1).productId()).isEqualTo("P002");
    assertThat(back.get(1).contentType()).isEqualTo("paid_ad_cta");
    assertThat(back.get(0).meta().keySet())
        .containsExactly("product_id", "content_type", "stage", "teacher", "history");
    assertThat(back.get(0).meta()).containsEntry("teacher", null);
    assertThat(back.get(1).location()).isEqualTo(f + ":2");
    assertThat(Files.readAllLines(f).get(0))
        .startsWith("{\"prompt\":[{\"role\":\"system\",\"content\":\"系统\"}")
        .contains("\"completion\":\"第一条\\n换行\",\"meta\":{\"product_id\":\"P001\"");
    // the atomic write leaves no temporary file behind
    try (var files = Files.list(f.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("generated.jsonl");
    }
  }

  @Test
  void preferencesRoundTripAndSingleFormIsRead() throws IOException {
    Path f = tmp.resolve("preferences.jsonl");
    PreferenceRecord r =
        new PreferenceRecord(
            PROMPT,
            "好文案",
            List.of("弱", "夸张"),
            List.of("weak", "exaggerated"),
            meta("P001", "paid_ad_pas"));
    SynthFiles.writePreferences(f, List.of(r));
    assertThat(Files.readString(f)).contains("\"rejected\":[\"弱\",\"夸张\"]");
    assertThat(SynthFiles.readPreferences(f).get(0).rejectedTypes())
        .containsExactly("weak", "exaggerated");

    Files.writeString(
        f,
        "{\"prompt\":[{\"role\":\"user\",\"content\":\"x\"}],\"chosen\":\"a\",\"rejected\":\"b\","
            + "\"rejected_type\":\"fabricated\",\"meta\":{\"product_id\":\"P1\",\"content_type\":\"t\"}}\n");
    PreferenceRecord single = SynthFiles.readPreferences(f).get(0);
    assertThat(single.rejected()).containsExactly("b");
    assertThat(single.rejectedTypes()).containsExactly("fabricated");
  }

  @Test
  void malformedLinesAreReportedWithFileAndLine() throws IOException {
    Path f = tmp.resolve("generated.jsonl");
    String good = SynthFiles.copyLine(new CopyRecord(PROMPT, "ok", meta("P001", "paid_ad_pas")));
    Files.writeString(
        f,
        String.join(
            "\n",
            good,
            "",
            "{not json",
            good.replace("\"completion\"", "\"completon\""),
            good.replace("\"product_id\":\"P001\",", ""),
            good));

    assertThatThrownBy(() -> SynthFiles.readCopies(f))
        .isInstanceOf(BrandtuneException.class)
        .satisfies(
            e -> {
              List<String> lines = Arrays.asList(e.getMessage().split("\n"));
              assertThat(lines).hasSize(3);
              assertThat(lines.get(0)).startsWith(f + ":3: not valid JSON");
              assertThat(lines.get(1)).startsWith(f + ":4: unknown field \"completon\"");
              assertThat(lines.get(2))
                  .isEqualTo(f + ":5: \"meta\" needs a string field \"product_id\"");
            });
  }

  @Test
  void preferenceWithMismatchedTypesNamesTheLine() throws IOException {
    Path f = tmp.resolve("preferences.jsonl");
    Files.writeString(
        f,
        "{\"prompt\":[{\"role\":\"user\",\"content\":\"x\"}],\"chosen\":\"a\",\"rejected\":[\"b\",\"c\"],"
            + "\"rejected_types\":[\"weak\"],\"meta\":{\"product_id\":\"P1\",\"content_type\":\"t\"}}\n");
    assertThatThrownBy(() -> SynthFiles.readPreferences(f))
        .hasMessage(f + ":1: 2 rejected variants but 1 rejected_types; give one type per variant");
  }

  @Test
  void missingFileSaysWhichStageWritesIt() {
    assertThatThrownBy(() -> SynthFiles.readCopies(tmp.resolve("cleaned.jsonl")))
        .hasMessageContaining("cleaned.jsonl: no such file");
  }
}

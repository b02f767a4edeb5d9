package ai.brandtune.brand.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.text.ChatMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFilesTest {
  @TempDir Path tmp;

  @Test
  void goldenRecordsRoundTripWithKeysInOrder() {
    GoldenRecord r =
        new GoldenRecord(
            List.of(ChatMessage.system("系统"), ChatMessage.user("用户")),
            "文案\n第二行",
            new RecordMeta("P001", "paid_ad_pas", Map.of("writer", "a")));

    String line = CorpusFiles.goldenLine(r);
    assertThat(line)
        .isEqualTo(
            "{\"prompt\":[{\"role\":\"system\",\"content\":\"系统\"},{\"role\":\"user\",\"content\":\"用户\"}],"
                + "\"completion\":\"文案\\n第二行\","
                + "\"meta\":{\"product_id\":\"P001\",\"content_type\":\"paid_ad_pas\",\"writer\":\"a\"}}");
    Path file = tmp.resolve("golden.jsonl");
    CorpusFiles.writeGolden(file, List.of(r, r));
    CorpusRead<GoldenRecord> read = CorpusFiles.readGolden(file);
    assertThat(read.problems()).isEmpty();
    assertThat(read.records()).extracting(Numbered::line).containsExactly(1, 2);
    assertThat(read.records().get(0).value()).isEqualTo(r);
    assertThat(r.messages())
        .extracting(ChatMessage::role)
        .containsExactly("system", "user", "assistant");
  }

  @Test
  void preferenceRecordsRoundTrip() {
    PreferenceRecord r =
        new PreferenceRecord(
            List.of(),
            "好",
            "坏",
            PreferenceRecord.FABRICATED,
            List.of("10%"),
            new RecordMeta("P050", "paid_ad_fab"));

    String line = CorpusFiles.preferenceLine(r);
    assertThat(line)
        .isEqualTo(
            "{\"prompt\":[],\"chosen\":\"好\",\"rejected\":\"坏\",\"rejected_type\":\"fabricated\","
                + "\"fabricated_facts\":[\"10%\"],\"meta\":{\"product_id\":\"P050\",\"content_type\":\"paid_ad_fab\"}}");
    assertThat(CorpusFiles.readPreference("x", line).orThrow().get(0).value()).isEqualTo(r);
  }

  @Test
  void draftsWithoutPromptAreAccepted() {
    String draft =
        "{\"meta\":{\"product_id\":\"P001\",\"content_type\":\"paid_ad_pas\"},\"completion\":\"文案\"}";

    CorpusRead<GoldenRecord> read = CorpusFiles.readGolden("part-1.jsonl", "\n" + draft + "\n");
    assertThat(read.problems()).isEmpty();
    assertThat(read.records())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.line()).isEqualTo(2);
              assertThat(n.value().prompt()).isEmpty();
            });
  }

  @Test
  void badLinesAreReportedWithFileAndLine() {
    String text =
        "{\"meta\":{\"product_id\":\"P001\",\"content_type\":\"x\"},\"completion\":\"a\"}\n"
            + "{not json\n"
            + "{\"meta\":{\"product_id\":\"P001\"},\"completion\":\"a\"}\n"
            + "{\"meta\":{\"product_id\":\"P001\",\"content_type\":\"x\"},\"completion\":\"a\",\"complet\":1}\n"
            + "{\"meta\":{\"product_id\":\"P001\",\"content_type\":\"x\"},\"completion\":\"\"}\n";

    CorpusRead<GoldenRecord> read = CorpusFiles.readGolden("g.jsonl", text);
    assertThat(read.records()).hasSize(1);
    assertThat(read.problems())
        .extracting(Object::toString)
        .containsExactly(
            "g.jsonl:2: not valid JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start field name",
            "g.jsonl:3: \"meta\" needs string fields \"product_id\" and \"content_type\"",
            "g.jsonl:4: unknown field \"complet\"; known fields are completion, meta, prompt",
            "g.jsonl:5: field \"completion\" must be a non-empty string");
  }
}

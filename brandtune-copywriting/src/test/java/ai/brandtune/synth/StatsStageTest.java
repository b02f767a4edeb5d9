package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsStageTest {
  @TempDir Path tmp;

  @Test
  void countsLengthsPassRatesAndRejectedMixPerContentType() throws IOException {
    List<CopyRecord> ads =
        DataFixture.COPIES.stream()
            .filter(c -> c.contentType().equals("paid_ad_cta"))
            .limit(3)
            .toList();
    List<CopyRecord> copies = new ArrayList<>(ads);
    // exclamation marks break the brand's rules: this copy fails the checks
    copies.add(ads.get(0).withCompletion(ads.get(0).completion() + "！！"));
    copies.add(ads.get(1).withMeta("content_type", "tweet"));
    PreferenceRecord p = DataFixture.PREFERENCES.get(0);
    Map<String, Object> meta = new LinkedHashMap<>(ads.get(0).meta());
    List<PreferenceRecord> preferences =
        List.of(
            new PreferenceRecord(
                p.prompt(), ads.get(0).completion(), List.of("x"), List.of("weak"), meta),
            new PreferenceRecord(
                p.prompt(),
                ads.get(0).completion(),
                List.of(ads.get(0).completion() + "\n", "y"),
                List.of("fabricated", "exaggerated"),
                meta));
    Path dir = tmp.resolve("run");
    SynthFiles.writeCopies(dir.resolve("cleaned.jsonl"), copies);
    SynthFiles.writePreferences(dir.resolve("preferences.jsonl"), preferences);

    StageSummary summary = new StatsStage(DataFixture.KIT).run(dir);
    DataStats stats = new StatsStage(DataFixture.KIT).compute(dir);

    DataStats.Row row = row(stats, "paid_ad_cta");
    List<Integer> lengths = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      lengths.add(visible(copies.get(i).completion()));
    }
    lengths.sort(null);
    assertThat(row.copies()).isEqualTo(4);
    assertThat(row.minLength()).isEqualTo(lengths.get(0));
    assertThat(row.maxLength()).isEqualTo(lengths.get(3));
    assertThat(row.medianLength()).isEqualTo((lengths.get(1) + lengths.get(2)) / 2.0);
    assertThat(row.passed()).isEqualTo(3);
    assertThat(row.passRate()).isEqualTo(0.75);
    assertThat(row.preferences()).isEqualTo(2);
    assertThat(row.rejectedTypes())
        .containsExactly(
            Map.entry("weak", 1), Map.entry("exaggerated", 1), Map.entry("fabricated", 1));
    // the chosen copy with a newline passes; "x" and "y" are far too short
    assertThat(row.rejectedPassed()).isEqualTo(1);
    assertThat(row(stats, "social_media_review").copies()).isZero();
    assertThat(stats.rows().get(stats.rows().size() - 1).contentType()).isEqualTo("tweet");
    assertThat(stats.total().copies()).isEqualTo(5);
    assertThat(stats.source()).isEqualTo("cleaned.jsonl");

    List<String> table = stats.table();
    assertThat(table.get(0))
        .startsWith("content type")
        .contains("weak", "exaggerated", "fabricated");
    assertThat(table).hasSize(1 + 9 + 1 + 1);
    assertThat(table.stream().filter(l -> l.startsWith("paid_ad_cta")).findFirst().orElseThrow())
        .contains(" 75%");
    assertThat(summary.count("copies")).isEqualTo(5);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("stats.json").toFile());
    assertThat(json.get("total").get("copies").asInt()).isEqualTo(5);
    assertThat(json.get("content_types").get(0).get("length").has("median")).isTrue();
  }

  @Test
  void splitCountsComeFromTheSideFiles() {
    Path dir = DataFixture.write(tmp.resolve("run"));
    new SplitStage(0.1, 42).run(dir);

    DataStats stats = new StatsStage(DataFixture.KIT).compute(dir);

    ProductSplit split = SplitFile.read(dir.resolve("split.json"));
    long val =
        DataFixture.COPIES.stream()
            .filter(c -> split.valProducts().contains(c.productId()))
            .count();
    assertThat(stats.total().val()).isEqualTo(val);
    assertThat(stats.total().train()).isEqualTo(DataFixture.COPIES.size() - val);
    // the golden corpus passes the brand checks
    assertThat(stats.total().passRate()).isEqualTo(1.0);
  }

  private static DataStats.Row row(DataStats stats, String type) {
    return stats.rows().stream()
        .filter(r -> r.contentType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  private static int visible(String s) {
    String stripped = s.replaceAll("[\\s\\p{Z}]", "");
    return stripped.codePointCount(0, stripped.length());
  }
}

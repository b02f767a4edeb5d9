package ai.brandtune.brand.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.PromptBuilder;
import ai.brandtune.brand.TestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptFillerTest {
  @TempDir Path tmp;

  @Test
  void assemblesPartsSortedByProductAndTypeWithPrompts() throws Exception {
    Path kit = TestKit.copyTo(tmp.resolve("kit"));
    Files.createDirectories(kit.resolve("golden"));
    // part-10 sorts after part-2 (numerically), and records are sorted by catalog order anyway
    Files.writeString(
        kit.resolve("golden/part-10.jsonl"), TestCorpus.golden("T02", "note", TestCorpus.T02_NOTE));
    Files.writeString(
        kit.resolve("golden/part-2.jsonl"), TestCorpus.golden("T01", "ad", TestCorpus.T01_AD));
    Files.writeString(kit.resolve("golden/notes.txt"), "not a part");

    PromptFiller.Summary s = PromptFiller.fill(kit, false);

    assertThat(s.goldenRecords()).isEqualTo(2);
    assertThat(s.goldenParts()).isEqualTo(2);
    assertThat(s.partsDeleted()).isFalse();
    List<Numbered<GoldenRecord>> golden =
        CorpusFiles.readGolden(kit.resolve("golden.jsonl")).orThrow();
    BrandKit k = BrandKit.load(kit);
    assertThat(golden).extracting(n -> n.value().meta().productId()).containsExactly("T01", "T02");
    assertThat(golden.get(0).value().prompt()).isEqualTo(new PromptBuilder(k).build("T01", "ad"));
    assertThat(golden.get(1).value().completion()).isEqualTo(TestCorpus.T02_NOTE);
  }

  @Test
  void refreshesStalePromptsInPlaceAndDeletesParts() throws Exception {
    Path kit = TestKit.copyTo(tmp.resolve("kit"));
    Files.createDirectories(kit.resolve("golden"));
    Files.writeString(
        kit.resolve("golden/part-1.jsonl"), TestCorpus.golden("T01", "ad", TestCorpus.T01_AD));
    Files.writeString(
        kit.resolve("preference_eval.jsonl"),
        TestCorpus.preference(
            "T03", "ad", TestCorpus.T03_AD, TestCorpus.T03_AD_FABRICATED, "fabricated", "SPF50"));

    PromptFiller.fill(kit, true);
    assertThat(kit.resolve("golden")).doesNotExist();

    // the brand changes: stored prompts go stale until the next fill
    TestKit.edit(kit, "brand.yaml", "用植物的温和力量照顾日常肌肤。", "用植物照顾肌肤。");
    PromptFiller.Summary s = PromptFiller.fill(kit, true);

    assertThat(s.goldenParts()).isZero();
    assertThat(s.goldenRecords()).isEqualTo(1);
    assertThat(s.preferenceRecords()).isEqualTo(1);
    BrandKit k = BrandKit.load(kit);
    PromptBuilder b = new PromptBuilder(k);
    assertThat(
            CorpusFiles.readGolden(kit.resolve("golden.jsonl")).orThrow().get(0).value().prompt())
        .isEqualTo(b.build("T01", "ad"));
    PreferenceRecord p =
        CorpusFiles.readPreference(kit.resolve("preference_eval.jsonl")).orThrow().get(0).value();
    assertThat(p.prompt()).isEqualTo(b.build("T03", "ad"));
    assertThat(p.prompt().get(0).content()).contains("用植物照顾肌肤。");
    assertThat(p.fabricatedFacts()).containsExactly("SPF50");
  }

  @Test
  void duplicatesAndUnknownIdsStopBeforeAnythingIsWritten() throws Exception {
    Path kit = TestKit.copyTo(tmp.resolve("kit"));
    Files.createDirectories(kit.resolve("golden"));
    Files.writeString(
        kit.resolve("golden/part-1.jsonl"),
        TestCorpus.golden("T01", "ad", TestCorpus.T01_AD)
            + TestCorpus.golden("T01", "ad", TestCorpus.T01_AD)
            + TestCorpus.golden("T09", "ad", TestCorpus.T01_AD));

    assertThatThrownBy(() -> PromptFiller.fill(kit, true))
        .hasMessageContaining("part-1.jsonl:2: second golden copy for T01/ad (first at ")
        .hasMessageContaining("part-1.jsonl:3: unknown product_id \"T09\"");
    assertThat(kit.resolve("golden.jsonl")).doesNotExist();
    assertThat(kit.resolve("golden/part-1.jsonl")).exists();
  }
}

package ai.brandtune.brand.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.brand.KitProblem;
import ai.brandtune.brand.KitSource;
import ai.brandtune.brand.TestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitValidatorTest {
  @TempDir Path tmp;

  Path validKit() throws Exception {
    Path kit = TestKit.copyTo(tmp.resolve("kit"));
    Files.createDirectories(kit.resolve("golden"));
    Files.writeString(
        kit.resolve("golden/part-1.jsonl"),
        TestCorpus.golden("T01", "ad", TestCorpus.T01_AD)
            + TestCorpus.golden("T02", "note", TestCorpus.T02_NOTE));
    Files.writeString(
        kit.resolve("preference_eval.jsonl"),
        TestCorpus.preference(
                "T03", "ad", TestCorpus.T03_AD, TestCorpus.T03_AD_FABRICATED, "fabricated", "SPF50")
            + TestCorpus.preference(
                "T03",
                "ad",
                TestCorpus.T03_AD,
                TestCorpus.T03_AD.replace("温和", "温和!!爆款"),
                "exaggerated",
                null));
    PromptFiller.fill(kit, true);
    return kit;
  }

  @Test
  void aConsistentKitPasses() throws Exception {
    KitValidator.Report r = KitValidator.validate(KitSource.directory(validKit()));

    assertThat(r.errors()).isEmpty();
    assertThat(r.ok()).isTrue();
    assertThat(r.summary()).anyMatch(l -> l.startsWith("golden: 2 records"));
    assertThat(r.ranking().type("fabricated"))
        .get()
        .satisfies(
            s -> {
              assertThat(s.records()).isEqualTo(1);
              assertThat(s.rankingRate()).isEqualTo(1.0);
              assertThat(s.flaggedRate()).isEqualTo(1.0);
            });
    assertThat(r.ranking().type("exaggerated").get().rankingRate()).isEqualTo(1.0);
  }

  @Test
  void ruleErrorsStalePromptsAndOverlapAreReportedWithFileAndLine() throws Exception {
    Path kit = validKit();
    Path golden = kit.resolve("golden.jsonl");
    String text = Files.readString(golden);
    // line 1: a banned word in the copy; line 2: the prompt no longer matches
    text = text.replace("温和舒缓。点击了解。", "温和舒缓，是爆款。点击了解。").replace("读者是年轻上班族。", "读者是学生。");
    Files.writeString(golden, text);
    Path pref = kit.resolve("preference_eval.jsonl");
    Files.writeString(
        pref,
        Files.readString(pref)
            + TestCorpus.preference("T01", "ad", TestCorpus.T01_AD, "积雪草舒缓面霜。", "weak", null)
            + TestCorpus.preference(
                "T03", "ad", TestCorpus.T03_AD, TestCorpus.T03_AD, "fabricated", "SPF70"));

    KitValidator.Report r = KitValidator.validate(KitSource.directory(kit));

    assertThat(r.ok()).isFalse();
    assertThat(r.errors())
        .extracting(KitProblem::toString)
        .anySatisfy(
            e -> assertThat(e).startsWith(golden + ":1: T01/ad banned [").contains("禁用词“爆款”"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .isEqualTo(
                        golden
                            + ":2: prompt differs from the prompt builder's output; run brandtune brand fill-prompts --kit DIR"))
        .anySatisfy(e -> assertThat(e).startsWith(pref + ":3: prompt is missing"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .isEqualTo(
                        pref
                            + ":3: product T01 also has golden copies; the preference set must use other products"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .isEqualTo(
                        pref + ":4: fabricated fact \"SPF70\" does not occur in the rejected copy"))
        .anySatisfy(
            e -> assertThat(e).isEqualTo(pref + ":4: chosen and rejected are the same text"));
  }

  @Test
  void coverageTargetsFromBrandYaml() throws Exception {
    Path kit = validKit();
    TestKit.edit(
        kit,
        "brand.yaml",
        "\nrules:",
        "\ncoverage:\n  min_products: 5\n  min_golden_products: 1\n  min_preference_records: 3\n  min_preference_per_type: 1\nrules:");

    KitValidator.Report r = KitValidator.validate(KitSource.directory(kit));

    assertThat(r.errors())
        .extracting(KitProblem::message)
        .containsExactlyInAnyOrder(
            "only 3 products; brand.yaml coverage.min_products is 5",
            "only 0 products have a golden copy of every content type; brand.yaml coverage.min_golden_products is 1",
            "only 2 records; brand.yaml coverage.min_preference_records is 3",
            "only 0 records of rejected_type weak; brand.yaml coverage.min_preference_per_type is 1");
  }

  @Test
  void loadProblemsStopValidationEarly() throws Exception {
    Path kit = validKit();
    TestKit.edit(kit, "products.yaml", "category: cream", "category: lotion");

    KitValidator.Report r = KitValidator.validate(KitSource.directory(kit));

    assertThat(r.errors()).singleElement().asString().contains("unknown category \"lotion\"");
  }
}

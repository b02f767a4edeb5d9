package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.KitFiles;
import ai.brandtune.brand.PromptBuilder;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.brand.corpus.CorpusFiles;
import ai.brandtune.brand.corpus.GoldenRecord;
import ai.brandtune.brand.corpus.Numbered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline cleaning of fixtures with the usual LLM artifacts: each comes out fixed or excluded. */
class CleanStageTest {
  static BrandKit kit;
  static Map<String, String> golden = new HashMap<>();

  @TempDir Path tmp;

  @BeforeAll
  static void load() {
    kit = BrandKit.builtIn();
    String text = kit.source().read(KitFiles.GOLDEN).orElseThrow();
    for (Numbered<GoldenRecord> n : CorpusFiles.readGolden("golden", text).orThrow()) {
      golden.put(
          n.value().meta().productId() + "/" + n.value().meta().contentType(),
          n.value().completion());
    }
  }

  static String goldenOf(String key) {
    if (golden.isEmpty()) {
      load();
    }
    return golden.get(key);
  }

  static CopyRecord record(String product, String type, String completion) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("product_id", product);
    meta.put("content_type", type);
    meta.put("stage", "generate");
    meta.put("source", "teacher");
    return new CopyRecord(new PromptBuilder(kit).build(product, type), completion, meta);
  }

  @Test
  void fixturesComeOutFixedOrExcludedAndEveryOutcomeIsCounted() {
    String pas = golden.get("P001/paid_ad_pas");
    String cta = golden.get("P001/paid_ad_cta");
    String fab = golden.get("P001/paid_ad_fab");
    String bab = golden.get("P001/paid_ad_bab");
    String note = golden.get("P001/social_media_educational");
    assertThat(fab).endsWith("点击查看详情。");
    List<CopyRecord> in = new ArrayList<>();
    // stray tags and markdown bold
    in.add(
        record(
            "P001",
            "paid_ad_pas",
            "<think>用户要一条 PAS 广告，先写问题。</think>\n"
                + pas.replace("原素方程绿茶抗氧面膜", "**原素方程绿茶抗氧面膜**").replaceFirst("。", "。<br>")));
    // meta-commentary before and after the copy
    in.add(
        record("P001", "paid_ad_cta", "以下是为你撰写的信息流广告：\n\n" + cta + "\n\n希望这篇文案对你有帮助！如需调整请随时告诉我。"));
    // an ad whose call to action is missing
    in.add(record("P001", "paid_ad_fab", fab.substring(0, fab.length() - "点击查看详情。".length())));
    // a banned word the rules cannot fix offline
    in.add(record("P001", "social_media_educational", note.replace("绿茶抗氧面膜只放了", "绿茶抗氧面膜这个神器只放了")));
    // hashtags where an ad has none
    in.add(record("P001", "paid_ad_bab", bab + "\n#熬夜护肤 #抗氧化"));
    SynthFiles.writeCopies(tmp.resolve(GenerateStage.OUTPUT), in);

    StageSummary s;
    try (SynthContext ctx = SynthContext.of(SynthConfig.defaults(), kit, null)) {
      s = new CleanStage(ctx).run(tmp);
    }

    List<CopyRecord> kept = SynthFiles.readCopies(tmp.resolve(CleanStage.OUTPUT));
    List<CopyRecord> excluded = SynthFiles.readCopies(tmp.resolve(CleanStage.EXCLUDED));
    assertThat(kept)
        .extracting(CopyRecord::contentType)
        .containsExactly("paid_ad_pas", "paid_ad_cta", "paid_ad_fab", "paid_ad_bab");
    assertThat(excluded)
        .extracting(CopyRecord::contentType)
        .containsExactly("social_media_educational");
    BrandChecker checker = new BrandChecker(kit);
    for (CopyRecord r : kept) {
      assertThat(checker.check(r.completion(), r.productId(), r.contentType()).errors())
          .as(r.completion())
          .isEmpty();
      assertThat(r.meta()).containsEntry("stage", "clean");
    }
    assertThat(kept.get(0).completion()).doesNotContain("<", ">", "*", "用户要");
    assertThat(kept.get(0).completion().replace("\n", "")).isEqualTo(pas);
    assertThat(kept.get(1).completion()).isEqualTo(cta);
    assertThat(kept.get(2).completion()).startsWith(fab.substring(0, fab.length() - 7));
    assertThat(kept.get(2).completion()).isNotEqualTo(fab.substring(0, fab.length() - 7));
    assertThat(kept.get(3).completion()).isEqualTo(bab);
    assertThat(history(kept.get(2)))
        .anySatisfy(
            h -> assertThat(h).containsEntry("pass", "cta_rule").containsEntry("changed", true));
    assertThat(history(kept.get(1)).get(0))
        .containsEntry("pass", "rules")
        .containsEntry("note", "meta");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> findings =
        (List<Map<String, Object>>) excluded.get(0).meta().get("findings");
    assertThat(findings).anySatisfy(f -> assertThat(f).containsEntry("rule", "banned"));

    assertThat(s.count("in")).isEqualTo(5);
    assertThat(s.count("kept")).isEqualTo(4);
    assertThat(s.count("excluded")).isEqualTo(1);
    assertThat(s.count("excluded.banned")).isEqualTo(1);
    assertThat(s.count("fixed_by_rules")).isEqualTo(3);
    assertThat(s.count("cta_appended")).isEqualTo(1);
    assertThat(s.count("rule.think")).isEqualTo(1);
    assertThat(s.count("rule.tags")).isEqualTo(1);
    assertThat(s.count("rule.markdown")).isEqualTo(1);
    assertThat(s.count("rule.meta")).isEqualTo(1);
    assertThat(s.count("rule.hashtags")).isEqualTo(1);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> history(CopyRecord r) {
    return (List<Map<String, Object>>) r.meta().get("history");
  }

  @Test
  void malformedInputLineIsAnErrorNamingFileAndLine() throws IOException {
    Path in = tmp.resolve(GenerateStage.OUTPUT);
    String good =
        SynthFiles.copyLine(record("P001", "paid_ad_pas", golden.get("P001/paid_ad_pas")));
    Files.writeString(in, good + "\n" + good.substring(0, 40) + "\n");
    try (SynthContext ctx = SynthContext.of(SynthConfig.defaults(), kit, null)) {
      assertThatThrownBy(() -> new CleanStage(ctx).run(tmp))
          .isInstanceOf(BrandtuneException.class)
          .hasMessageStartingWith(in + ":2: not valid JSON");
      Files.writeString(in, good + "\n" + good.replace("\"P001\"", "\"P999\"") + "\n");
      assertThatThrownBy(() -> new CleanStage(ctx).run(tmp))
          .hasMessageStartingWith(in + ":2: unknown product_id 'P999'");
      assertThatThrownBy(() -> new RejectsStage(ctx).run(in, tmp))
          .hasMessageStartingWith(in + ":2: unknown product_id 'P999'");
    }
  }
}

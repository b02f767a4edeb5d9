package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Product;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RuleCleanerTest {
  static BrandKit kit;
  static RuleCleaner cleaner;
  static Product p001;
  static ContentType ad;
  static ContentType note;
  static ContentType ecommerce;

  @BeforeAll
  static void load() {
    kit = BrandKit.builtIn();
    cleaner = new RuleCleaner(kit.brand());
    p001 = kit.requireProduct("P001");
    ad = kit.requireContentType("paid_ad_pas");
    note = kit.requireContentType("social_media_review");
    ecommerce = kit.requireContentType("ecommerce_long_form");
  }

  static RuleCleaner.Result clean(String text, ContentType type) {
    return cleaner.clean(text, p001, type, RuleCleaner.ALL);
  }

  @Test
  void reasoningWithoutOpeningTagIsCutAtTheClosingOne() {
    RuleCleaner.Result r = clean("先想想用户要什么。\n</think>\n\n正文第一句。", ad);
    assertThat(r.text()).isEqualTo("正文第一句。");
    assertThat(r.fixes()).containsExactly("think");
  }

  @Test
  void frameworkLabelsLoseTheLabelOnlyAndCommentaryLinesGo() {
    RuleCleaner.Result r = clean("Problem: 皮肤总是干？\n痛点：越洗越紧。\n这是一条PAS广告文案：\n解决方案：点击了解更多。", ad);
    assertThat(r.text()).isEqualTo("皮肤总是干？\n越洗越紧。\n\n点击了解更多。".replace("\n\n", "\n"));
    assertThat(r.fixes()).containsExactly("meta");
  }

  @Test
  void wordCountsAndChatClosersGoButNumbersInBracketsStay() {
    RuleCleaner.Result r = clean("好的，马上写。\n苯乙基间苯二酚（377）很稳定。（共86字）\n如果需要调整语气，请告诉我。", ad);
    assertThat(r.text()).isEqualTo("苯乙基间苯二酚（377）很稳定。");
  }

  @Test
  void placeholdersBecomeNamesOrGo() {
    RuleCleaner.Result r = clean("[产品名称]来自[品牌名]，适合[XX肤质]人群。", ad);
    assertThat(r.text()).isEqualTo("绿茶抗氧面膜来自原素方程，适合人群。");
    assertThat(r.fixes()).containsExactly("placeholder");
  }

  @Test
  void markdownHeadersBecomeSectionHeadingsInEcommerceAndTextElsewhere() {
    assertThat(clean("## 产品亮点\n**两种**抗氧化成分。", ecommerce).text()).isEqualTo("【产品亮点】\n两种抗氧化成分。");
    assertThat(clean("# 熬夜后\n**两种**成分。", ad).text()).isEqualTo("熬夜后\n两种成分。");
  }

  @Test
  void hashtagsGoFromAdsAndStayInNotes() {
    assertThat(clean("一句话。#抗氧化 说明。\n#熬夜 #面膜", ad).text()).isEqualTo("一句话。 说明。");
    String withTags = "标题：一个标题\n\n正文。\n\n#熬夜 #面膜 #抗氧化";
    assertThat(clean(withTags, note).text()).isEqualTo(withTags);
  }

  @Test
  void exclamationMarksBeyondTheBrandsLimitBecomeFullStops() {
    // 原素方程 allows none; "？！" keeps its question mark
    RuleCleaner.Result r = clean("真的有用！！你试过吗？！好。", ad);
    assertThat(r.text()).isEqualTo("真的有用。你试过吗？好。");
    assertThat(r.fixes()).containsExactly("exclamation");
  }

  @Test
  void htmlTagsAndWrappingQuotesAreRemovedPlainTrimIsNotAFix() {
    assertThat(clean("“第一句。<br/>第二句<b>加粗</b>。”", ad).text()).isEqualTo("第一句。\n第二句加粗。");
    RuleCleaner.Result trimmed = clean("  第一句。\n", ad);
    assertThat(trimmed.text()).isEqualTo("第一句。");
    assertThat(trimmed.changed()).isFalse();
  }

  @Test
  void artifactFixesKeepTheVoiceOfExaggeratedVariants() {
    RuleCleaner.Result r = cleaner.clean("<think>x</think>太好用了！", p001, ad, RuleCleaner.ARTIFACTS);
    assertThat(r.text()).isEqualTo("太好用了！");
  }
}

package ai.brandtune.brand.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.TestKit;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One nested class per rule, each with hand-written texts that must and must not trigger it. The
 * kit is the tiny test brand 山野手记: T01 积雪草舒缓面霜 (积雪草提取物 1%, 神经酰胺 0.5%; 舒缓, 修护屏障, 保湿; free from 酒精,
 * 香精), T02 烟酰胺控油洁面 (烟酰胺 2%, 甘油; 控油, 保湿; free from 皂基), T03 清透防晒乳 (氧化锌, 透明质酸钠 0.1%; 防晒, 保湿; SPF30
 * PA+++).
 */
class BrandCheckerTest {
  static final BrandKit KIT = TestKit.load();
  static final BrandChecker CHECKER = new BrandChecker(KIT);

  /** A clean ad for T01 that passes every rule. */
  static final String CLEAN_AD = "换季时脸颊总是发干泛红？积雪草舒缓面霜含1%积雪草提取物和0.5%神经酰胺，温和舒缓。点击了解。";

  static CheckResult check(String text, String product, String type) {
    return CHECKER.check(text, product, type);
  }

  static List<Finding> findings(String text, String product, String type, Rule rule) {
    return check(text, product, type).of(rule);
  }

  @Test
  void cleanAdHasNoFindingsButInfosAndScoresOne() {
    CheckResult r = check(CLEAN_AD, "T01", "ad");

    assertThat(r.findings()).allMatch(f -> f.severity() == Severity.INFO);
    assertThat(r.score().total()).isEqualTo(1.0);
  }

  @Nested
  class Banned {
    @Test
    void plainBannedWordWithItsSpan() {
      String text = "这款面霜是爆款。";
      List<Finding> f = findings(text, "T01", "ad", Rule.BANNED);

      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.subject()).isEqualTo("爆款");
                assertThat(x.evidence()).isEqualTo("爆款");
                assertThat(text.substring(x.start(), x.end())).isEqualTo("爆款");
                assertThat(x.severity()).isEqualTo(Severity.ERROR);
              });
    }

    @Test
    void obfuscatedFormsAreFoundWithTheirWrittenSpan() {
      for (String written :
          List.of("爆 款", "爆*款", "爆\u200b款", "爆·款", "闭-眼-入", "YYDS", "ｙｙｄｓ", "y y d s")) {
        String text = "真的" + written + "啊";
        List<Finding> f = findings(text, "T01", "ad", Rule.BANNED);
        assertThat(f)
            .as(written)
            .singleElement()
            .satisfies(
                x -> {
                  assertThat(x.evidence()).isEqualTo(written);
                  assertThat(x.start()).isEqualTo(2);
                  assertThat(x.end()).isEqualTo(2 + written.length());
                });
      }
    }

    @Test
    void partsOfWordsAndSentenceBreaksAreNotBanned() {
      assertThat(findings("火爆的款式", "T01", "ad", Rule.BANNED)).isEmpty();
      assertThat(findings("这阵子很火爆。款式也多", "T01", "ad", Rule.BANNED)).isEmpty();
      assertThat(findings("myydsx", "T01", "ad", Rule.BANNED)).isEmpty();
    }

    @Test
    void eachBrandHasItsOwnList() {
      BrandChecker builtIn = new BrandChecker(BrandKit.builtIn());
      String text = "这个面膜是神 器";

      assertThat(
              builtIn
                  .check(text, null, BrandKit.builtIn().requireContentType("paid_ad_cta"))
                  .of(Rule.BANNED))
          .singleElement()
          .extracting(Finding::subject)
          .isEqualTo("神器");
      assertThat(findings(text, "T01", "ad", Rule.BANNED)).isEmpty();
    }
  }

  @Nested
  class Encouraged {
    @Test
    void usedKeywordsAreInfosAndTooFewIsAWarning() {
      CheckResult used = check("植物配方，温和不刺激。", "T01", "ad");
      assertThat(used.of(Rule.ENCOURAGED))
          .extracting(Finding::subject, Finding::severity)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("植物", Severity.INFO),
              org.assertj.core.groups.Tuple.tuple("温和", Severity.INFO));
      assertThat(used.score().encouraged()).isEqualTo(1.0);

      CheckResult none = check("配方清爽。", "T01", "ad");
      assertThat(none.of(Rule.ENCOURAGED))
          .singleElement()
          .extracting(Finding::severity)
          .isEqualTo(Severity.WARNING);
      assertThat(none.score().encouraged()).isEqualTo(0.0);
    }
  }

  @Nested
  class Hype {
    @Test
    void exclamationMarksBeyondTheBrandsAllowance() {
      // the test brand allows one
      assertThat(findings("好用!", "T01", "ad", Rule.EXCLAMATION)).isEmpty();
      String text = "好用！真的好用!";
      assertThat(findings(text, "T01", "ad", Rule.EXCLAMATION))
          .singleElement()
          .satisfies(f -> assertThat(f.start()).isEqualTo(text.length() - 1));
    }

    @Test
    void builtInBrandAllowsNone() {
      BrandKit kit = BrandKit.builtIn();
      CheckResult r =
          new BrandChecker(kit).check("好用！真的!", null, kit.requireContentType("paid_ad_cta"));
      assertThat(r.of(Rule.EXCLAMATION)).hasSize(2);
    }

    @Test
    void absoluteTermsWithExceptions() {
      assertThat(findings("这是最好用的面霜", "T01", "ad", Rule.ABSOLUTE))
          .singleElement()
          .extracting(Finding::subject, Finding::evidence)
          .containsExactly("最", "最");
      assertThat(findings("销量第一", "T01", "ad", Rule.ABSOLUTE)).hasSize(1);
      assertThat(findings("100%有效", "T01", "ad", Rule.ABSOLUTE))
          .singleElement()
          .extracting(Finding::evidence)
          .isEqualTo("100%");
      assertThat(findings("最近换季，皮肤有点干", "T01", "ad", Rule.ABSOLUTE)).isEmpty();
    }

    @Test
    void hypeSlangIsAWarning() {
      assertThat(findings("这款面霜封神了", "T01", "ad", Rule.HYPE_TERM))
          .singleElement()
          .extracting(Finding::severity, Finding::evidence)
          .containsExactly(Severity.WARNING, "封神");
      assertThat(findings("这款面霜很温和", "T01", "ad", Rule.HYPE_TERM)).isEmpty();
    }

    @Test
    void builtInExceptionsCoverTheAdvertisingLawAllowlist() {
      BrandKit kit = BrandKit.builtIn();
      BrandChecker c = new BrandChecker(kit);
      for (String ok : List.of("最近", "最后一步", "最初", "最终", "第一次用", "第一步")) {
        assertThat(c.check(ok, null, kit.requireContentType("paid_ad_cta")).of(Rule.ABSOLUTE))
            .as(ok)
            .isEmpty();
      }
      for (String bad : List.of("最好", "国家级", "顶级", "唯一", "百分百", "万能", "根治", "全网")) {
        assertThat(c.check(bad, null, kit.requireContentType("paid_ad_cta")).of(Rule.ABSOLUTE))
            .as(bad)
            .hasSize(1);
      }
    }
  }

  @Nested
  class Tone {
    @Test
    void anxietyTermsAndPatterns() {
      assertThat(findings("再不用心修护就晚了", "T01", "ad", Rule.ANXIETY))
          .singleElement()
          .extracting(Finding::evidence)
          .isEqualTo("再不用心修护就晚了");
      assertThat(findings("小心烂脸", "T01", "ad", Rule.ANXIETY)).hasSize(1);
      assertThat(findings("换季时皮肤有点干，需要多一点保湿", "T01", "ad", Rule.ANXIETY)).isEmpty();
    }

    @Test
    void mysteryWords() {
      assertThat(findings("像魔法一样", "T01", "ad", Rule.MYSTERY)).hasSize(1);
      assertThat(findings("积雪草提取物的作用原理很清楚", "T01", "ad", Rule.MYSTERY)).isEmpty();
    }
  }

  @Nested
  class CallToAction {
    @Test
    void lastSentenceMustCallToAction() {
      assertThat(findings(CLEAN_AD, "T01", "ad", Rule.CTA)).isEmpty();
      assertThat(findings("积雪草舒缓面霜很温和。现在下单", "T01", "ad", Rule.CTA)).isEmpty();

      String missing = "积雪草舒缓面霜很温和。值得一试。";
      assertThat(findings(missing, "T01", "ad", Rule.CTA))
          .singleElement()
          .satisfies(f -> assertThat(missing.substring(f.start(), f.end())).isEqualTo("值得一试。"));
      assertThat(findings("点击了解积雪草舒缓面霜。它很温和。", "T01", "ad", Rule.CTA)).hasSize(1);
    }

    @Test
    void notRequiredOutsideAds() {
      assertThat(findings("标题：面霜\n\n很温和。", "T01", "note", Rule.CTA)).isEmpty();
    }
  }

  @Nested
  class Structure {
    @Test
    void problemThenProductIsFound() {
      assertThat(findings(CLEAN_AD, "T01", "ad", Rule.STRUCTURE)).isEmpty();
    }

    @Test
    void missingElementIsAWarning() {
      List<Finding> f = findings("积雪草舒缓面霜含1%积雪草提取物。点击了解。", "T01", "ad", Rule.STRUCTURE);
      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.WARNING);
                assertThat(x.message()).contains("问题");
              });
    }

    @Test
    void wrongOrderIsAWarning() {
      List<Finding> f = findings("积雪草舒缓面霜很温和。你的脸颊是不是总泛红？点击了解。", "T01", "ad", Rule.STRUCTURE);
      assertThat(f).singleElement().extracting(Finding::message).asString().contains("之后");
    }
  }

  @Nested
  class Format {
    static final String NOTE =
        "标题：敏感肌的日常面霜\n\n积雪草舒缓面霜质地柔软，植物来源的积雪草提取物很温和。\n\n洁面后取适量涂抹全脸，早晚使用，避开眼周。\n\n#面霜 #敏感肌";

    @Test
    void wellFormedNote() {
      CheckResult r = check(NOTE, "T01", "note");
      assertThat(r.findings()).allMatch(f -> f.severity() == Severity.INFO);
    }

    @Test
    void titleLine() {
      assertThat(findings(NOTE.replace("标题：", ""), "T01", "note", Rule.TITLE))
          .singleElement()
          .extracting(Finding::severity)
          .isEqualTo(Severity.ERROR);
      assertThat(
              findings(
                  NOTE.replace("敏感肌的日常面霜", "敏感肌的日常面霜敏感肌的日常面霜敏感肌好用吗"), "T01", "note", Rule.TITLE))
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains("标题22字");
      assertThat(findings("标题：面霜\n" + CLEAN_AD, "T01", "ad", Rule.TITLE)).hasSize(1);
    }

    @Test
    void hashtags() {
      assertThat(findings(NOTE.replace(" #敏感肌", ""), "T01", "note", Rule.HASHTAGS))
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains("话题标签1个");
      assertThat(findings(NOTE.replace("\n\n#面霜 #敏感肌", ""), "T01", "note", Rule.HASHTAGS))
          .hasSize(1);
      String ad = CLEAN_AD + "#面霜";
      assertThat(findings(ad, "T01", "ad", Rule.HASHTAGS))
          .singleElement()
          .satisfies(f -> assertThat(ad.substring(f.start(), f.end())).isEqualTo("#面霜"));
    }

    @Test
    void sectionsInOrder() {
      String detail =
          "【亮点】\n积雪草舒缓面霜是一款温和的植物面霜。\n【成分】\n1%积雪草提取物，0.5%神经酰胺。\n【用法】\n洁面后取适量涂抹全脸，早晚使用。柔软的乳霜，日常使用很舒服，适合敏感肌和干皮。";
      assertThat(findings(detail, "T01", "detail", Rule.SECTIONS)).isEmpty();
      assertThat(findings(detail.replace("【用法】", "用法"), "T01", "detail", Rule.SECTIONS))
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains("【用法】");
      String swapped = detail.replace("【亮点】", "【X】").replace("【成分】", "【亮点】").replace("【X】", "【成分】");
      assertThat(findings(swapped, "T01", "detail", Rule.SECTIONS)).hasSize(1);
      assertThat(findings("【亮点】\n" + CLEAN_AD, "T01", "ad", Rule.SECTIONS)).hasSize(1);
    }

    @Test
    void markdownMetaAndPlaceholders() {
      assertThat(findings("## 面霜\n很温和", "T01", "note", Rule.MARKDOWN)).hasSize(1);
      assertThat(findings("**很温和**", "T01", "note", Rule.MARKDOWN)).hasSize(1);
      assertThat(findings("#面霜 #温和", "T01", "note", Rule.MARKDOWN)).isEmpty();
      assertThat(findings("以下是广告文案：积雪草舒缓面霜", "T01", "ad", Rule.META)).hasSize(1);
      for (String leftover : List.of("[产品名]", "{product}", "【在此插入卖点】", "XXX")) {
        assertThat(findings("这款" + leftover + "很温和", "T01", "ad", Rule.PLACEHOLDER))
            .as(leftover)
            .singleElement()
            .extracting(Finding::evidence)
            .isEqualTo(leftover);
      }
      assertThat(findings("【亮点】\n很温和", "T01", "detail", Rule.PLACEHOLDER)).isEmpty();
    }

    @Test
    void lengthCountsNonWhitespaceCharacters() {
      // 30 visible characters, padded with spaces and line breaks that do not count
      String thirty = "一二三四五六七八九十".repeat(3);
      assertThat(check(thirty + "   \n\n ", "T01", "ad").length()).isEqualTo(30);
      assertThat(findings(thirty, "T01", "ad", Rule.LENGTH)).isEmpty();
      assertThat(findings(thirty.substring(1), "T01", "ad", Rule.LENGTH)).hasSize(1);
      assertThat(findings("好".repeat(151), "T01", "ad", Rule.LENGTH)).hasSize(1);
    }

    @Test
    void adsNameTheProductAndStayShort() {
      assertThat(findings(CLEAN_AD.replace("积雪草舒缓面霜", "这款面霜"), "T01", "ad", Rule.PRODUCT_NAME))
          .hasSize(1);
      assertThat(findings("一句。两句。三句。四句。积雪草舒缓面霜。点击了解。", "T01", "ad", Rule.SENTENCES))
          .singleElement()
          .extracting(Finding::severity)
          .isEqualTo(Severity.WARNING);
    }
  }

  @Nested
  class Facts {
    @Test
    void freeFromClaimsAreNotIngredientClaims() {
      for (String ok :
          List.of("不含酒精", "无酒精、香精", "不含酒精和香精", "酒精和香精零添加", "0酒精配方", "不添加任何香精", "没有酒精")) {
        assertThat(check(ok, "T01", "ad").factErrors()).as(ok).isEmpty();
      }
    }

    @Test
    void ingredientTheProductLacksIsFlaggedWithItsName() {
      List<Finding> f = check("添加了酒精和视黄醇", "T01", "ad").factErrors();
      assertThat(f)
          .extracting(Finding::rule, Finding::subject)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Rule.FACT_INGREDIENT, "酒精"),
              org.assertj.core.groups.Tuple.tuple(Rule.FACT_INGREDIENT, "视黄醇"));
      assertThat(check("含A醇", "T01", "ad").factErrors())
          .singleElement()
          .extracting(Finding::subject, Finding::evidence)
          .containsExactly("视黄醇", "A醇");
      // comparisons name another ingredient too, which the brand rules forbid
      assertThat(check("不像水杨酸那样刺激", "T01", "ad").factErrors())
          .singleElement()
          .extracting(Finding::subject)
          .isEqualTo("水杨酸");
    }

    @Test
    void freeFromClaimsMustBeInTheCatalog() {
      assertThat(check("不含烟酰胺", "T01", "ad").factErrors())
          .singleElement()
          .extracting(Finding::rule, Finding::subject)
          .containsExactly(Rule.FACT_FREE_FROM, "烟酰胺");
      assertThat(check("不含神经酰胺", "T01", "ad").factErrors())
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains("核心成分");
      // the negation runs over the list: 皂基 is not in T01's free_from
      assertThat(check("不含酒精、香精和皂基", "T01", "ad").factErrors())
          .singleElement()
          .extracting(Finding::subject, Finding::evidence)
          .containsExactly("皂基", "皂基");
      // but a comma ends it: 烟酰胺 after the comma is a claim (and T02 has it)
      assertThat(check("不含皂基，烟酰胺浓度2%", "T02", "ad").factErrors()).isEmpty();
    }

    @Test
    void aliasesAndCaseResolveToTheCanonicalIngredient() {
      assertThat(check("含2%维生素B3", "T02", "ad").factErrors()).isEmpty();
      assertThat(check("niacinamide和NIACINAMIDE", "T02", "ad").factErrors()).isEmpty();
      assertThat(check("含维生素B3", "T01", "ad").factErrors())
          .singleElement()
          .extracting(Finding::subject, Finding::evidence)
          .containsExactly("烟酰胺", "维生素B3");
    }

    @Test
    void concentrationsInDigitsAndWords() {
      for (String ok :
          List.of("烟酰胺浓度2%", "2.0%烟酰胺", "烟酰胺（２％）", "百分之二的烟酰胺", "烟酰胺 2 %", "维生素B3浓度为百分之二")) {
        assertThat(check(ok, "T02", "ad").factErrors()).as(ok).isEmpty();
      }
      for (String bad : List.of("烟酰胺浓度5%", "百分之五的烟酰胺", "维生素B3浓度5.0%")) {
        assertThat(check(bad, "T02", "ad").factErrors())
            .as(bad)
            .singleElement()
            .satisfies(
                f -> {
                  assertThat(f.rule()).isEqualTo(Rule.FACT_CONCENTRATION);
                  assertThat(f.subject()).isEqualTo("烟酰胺");
                  assertThat(f.evidence()).isIn("5%", "百分之五", "5.0%");
                  assertThat(f.message()).contains("2%");
                });
      }
      assertThat(check("0.5 %的神经酰胺，百分之一的积雪草", "T01", "ad").factErrors()).isEmpty();
      assertThat(check("百分之零点五的神经酰胺", "T01", "ad").factErrors()).isEmpty();
    }

    @Test
    void eachNumberBelongsToTheNearestIngredientInItsClause() {
      assertThat(check("1%积雪草和0.5%神经酰胺", "T01", "ad").factErrors()).isEmpty();
      assertThat(check("积雪草1%、神经酰胺0.5%", "T01", "ad").factErrors()).isEmpty();
      assertThat(check("积雪草0.5%、神经酰胺1%", "T01", "ad").factErrors())
          .extracting(Finding::subject, Finding::evidence)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("积雪草提取物", "0.5%"),
              org.assertj.core.groups.Tuple.tuple("神经酰胺", "1%"));
    }

    @Test
    void numbersWithoutCatalogSupport() {
      assertThat(check("保湿力提升30%", "T01", "ad").factErrors())
          .singleElement()
          .extracting(Finding::rule, Finding::evidence, Finding::subject)
          .containsExactly(Rule.FACT_CONCENTRATION, "30%", "");
      // 甘油 is an ingredient of T02 but the catalog gives no concentration
      assertThat(check("5%甘油", "T02", "ad").factErrors())
          .singleElement()
          .extracting(Finding::subject)
          .isEqualTo("甘油");
    }

    @Test
    void effectsTheProductDoesNotClaim() {
      assertThat(check("可以美白", "T01", "ad").factErrors())
          .singleElement()
          .extracting(Finding::rule, Finding::subject)
          .containsExactly(Rule.FACT_EFFECT, "美白");
      assertThat(check("用完白到发光", "T01", "ad").factErrors())
          .singleElement()
          .extracting(Finding::subject, Finding::evidence)
          .containsExactly("美白", "白到发光");
      assertThat(check("舒缓、修护屏障、保湿、补水", "T01", "ad").factErrors()).isEmpty();
      // a denial is not a claim: a warning, not an error
      CheckResult denied = check("它不能美白", "T01", "ad");
      assertThat(denied.factErrors()).isEmpty();
      assertThat(denied.of(Rule.FACT_EFFECT))
          .singleElement()
          .extracting(Finding::severity)
          .isEqualTo(Severity.WARNING);
      // a usage step is not a claim
      assertThat(check("舒缓后再用", "T02", "ad").factErrors()).isEmpty();
      assertThat(check("舒缓皮肤后再用", "T02", "ad").factErrors()).isEmpty();
      assertThat(check("舒缓皮肤", "T02", "ad").factErrors()).hasSize(1);
    }

    @Test
    void productNamesAreNotClaims() {
      // another product's name contains 烟酰胺 and 控油; naming it claims neither for T01
      assertThat(check("可以和烟酰胺控油洁面一起用", "T01", "ad").factErrors()).isEmpty();
    }

    @Test
    void sunProtectionValues() {
      assertThat(check("SPF30 PA+++，轻薄", "T03", "ad").factErrors()).isEmpty();
      assertThat(check("spf 30，pa+++", "T03", "ad").factErrors()).isEmpty();
      assertThat(check("SPF50", "T03", "ad").factErrors())
          .singleElement()
          .extracting(Finding::rule, Finding::evidence)
          .containsExactly(Rule.FACT_SPF, "SPF50");
      assertThat(check("PA++++", "T03", "ad").factErrors())
          .singleElement()
          .extracting(Finding::evidence)
          .isEqualTo("PA++++");
      assertThat(check("SPF30", "T01", "ad").factErrors()).hasSize(1);
      assertThat(check("SPF30+", "T03", "ad").factErrors()).hasSize(1);
    }
  }

  @Nested
  class Scores {
    @Test
    void oneBannedWordCostsHalfTheBannedComponent() {
      String text = CLEAN_AD.replace("温和舒缓。", "温和舒缓，是爆款。");
      CheckResult r = check(text, "T01", "ad");

      assertThat(r.errors()).extracting(Finding::rule).containsExactly(Rule.BANNED);
      assertThat(r.score().banned()).isEqualTo(0.5);
      // weights of the test brand: banned 0.2 of a total of 1.0; every other component is 1
      assertThat(r.score().total()).isCloseTo(1 - 0.2 * 0.5, within(1e-12));
    }

    @Test
    void componentsFollowTheDocumentedFormulas() {
      // two fact errors (0 left of facts), one exclamation beyond the allowance (0.75 of hype)
      String text = CLEAN_AD.replace("1%积雪草提取物", "5%积雪草提取物和视黄醇").replace("温和舒缓。", "温和舒缓!!");
      CheckResult r = check(text, "T01", "ad");

      assertThat(r.score().facts()).isEqualTo(0.0);
      assertThat(r.score().hype()).isEqualTo(0.75);
      double expected = (0.2 + 0.15 * 0.75 + 0.1 + 0.25 * 0.0 + 0.15 + 0.1 + 0.05) / 1.0;
      assertThat(r.score().total()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void lengthScoreDecaysOutsideTheRange() {
      CheckResult r = check("积雪草舒缓面霜很温和。点击了解。", "T01", "ad");
      assertThat(r.length()).isEqualTo(16);
      assertThat(r.score().length()).isCloseTo(16 / 30.0, within(1e-12));
    }
  }
}

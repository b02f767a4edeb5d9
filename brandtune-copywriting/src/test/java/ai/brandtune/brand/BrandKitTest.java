package ai.brandtune.brand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrandKitTest {
  @TempDir Path tmp;

  @Test
  void loadsTheTestBrandWithItsOwnRules() {
    BrandKit kit = TestKit.load();

    assertThat(kit.brand().name()).isEqualTo("山野手记");
    assertThat(kit.brand().bannedKeywords()).containsExactly("爆款", "闭眼入", "宝子们", "yyds");
    assertThat(kit.brand().rules().maxExclamationMarks()).isEqualTo(1);
    assertThat(kit.products()).extracting(Product::id).containsExactly("T01", "T02", "T03");
    assertThat(kit.contentTypes())
        .extracting(ContentType::id)
        .containsExactly("note", "ad", "detail");
    Product cream = kit.requireProduct("T01");
    assertThat(cream.ingredient("神经酰胺").percent()).isEqualTo(0.5);
    assertThat(cream.ingredient("神经酰胺").concentration()).isEqualTo("0.5%");
    assertThat(kit.requireProduct("T02").ingredient("甘油").percent()).isNull();
    assertThat(kit.requireProduct("T03").spf()).isEqualTo(30);
    assertThat(kit.requireProduct("T03").pa()).isEqualTo("PA+++");
    ContentType ad = kit.requireContentType("ad");
    assertThat(ad.channel()).isEqualTo(Channel.AD);
    assertThat(ad.ctaRequired()).isTrue();
    assertThat(ad.length()).isEqualTo(new IntRange(30, 150));
    assertThat(ad.hashtags()).isNull();
    assertThat(kit.requireContentType("detail").sections()).containsExactly("【亮点】", "【成分】", "【用法】");
    assertThat(kit.canonicalIngredient("维生素B3")).contains("烟酰胺");
    assertThat(kit.canonicalEffect("白到发光")).contains("美白");
  }

  @Test
  void loadsTheSameKitFromADirectory() {
    BrandKit kit = BrandKit.load(TestKit.copyTo(tmp.resolve("kit")));

    assertThat(kit.products()).hasSize(3);
    assertThat(kit.source().directory()).isPresent();
  }

  @Test
  void builtInKitCoversTheNineContentTypes() {
    BrandKit kit = BrandKit.builtIn();

    assertThat(kit.brand().name()).isEqualTo("原素方程");
    assertThat(kit.contentTypes())
        .extracting(ContentType::id)
        .containsExactly(
            "social_media_educational",
            "social_media_myth_busting",
            "social_media_review",
            "social_media_storytelling",
            "ecommerce_long_form",
            "paid_ad_pas",
            "paid_ad_bab",
            "paid_ad_fab",
            "paid_ad_cta");
    assertThat(kit.brand().bannedKeywords())
        .containsExactly("神器", "逆天", "奇迹", "秒杀", "绝绝子", "yyds", "家人们");
    assertThat(kit.product("P001")).get().extracting(Product::name).isEqualTo("绿茶抗氧面膜");
  }

  @Test
  void unknownFieldNamesFileLineColumnAndPath() {
    Path dir = TestKit.copyTo(tmp.resolve("kit"));
    TestKit.edit(dir, "products.yaml", "    texture: 柔软的乳霜", "    texure: 柔软的乳霜");

    assertThatThrownBy(() -> BrandKit.load(dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining(
            dir.resolve("products.yaml") + ":12:5: products[0].texure: unknown field")
        .hasMessageContaining("products[0].texture: missing required field");
  }

  @Test
  void missingRequiredFieldIsNamed() {
    Path dir = TestKit.copyTo(tmp.resolve("kit"));
    TestKit.edit(dir, "brand.yaml", "persona: 一位在山里长大、懂植物的配方师。\n", "");

    assertThatThrownBy(() -> BrandKit.load(dir))
        .hasMessageContaining("brand.yaml:2:1: persona: missing required field");
  }

  @Test
  void duplicateProductIdPointsAtBothLines() {
    Path dir = TestKit.copyTo(tmp.resolve("kit"));
    TestKit.edit(dir, "products.yaml", "id: T02", "id: T01");

    assertThatThrownBy(() -> BrandKit.load(dir))
        .hasMessageContaining("products[1].id: duplicate product id \"T01\" (first at line 2)");
  }

  @Test
  void unknownIngredientAndEffectNamesAreCrossChecked() {
    Path dir = TestKit.copyTo(tmp.resolve("kit"));
    TestKit.edit(dir, "products.yaml", "      - name: 神经酰胺", "      - name: 玻色因");
    TestKit.edit(dir, "products.yaml", "effects: [控油, 保湿]", "effects: [控油, 抗皱]");

    assertThatThrownBy(() -> BrandKit.load(dir))
        .hasMessageContaining(
            "products.yaml:8:15: products[0].ingredients[1].name: unknown ingredient \"玻色因\";"
                + " add it to ingredients.yaml")
        .hasMessageContaining("products[1].effects: unknown effect \"抗皱\"; add it to effects.yaml");
  }

  @Test
  void aliasesMustBeWrittenAsCanonicalNamesInTheCatalog() {
    Path dir = TestKit.copyTo(tmp.resolve("kit"));
    TestKit.edit(dir, "products.yaml", "      - name: 烟酰胺", "      - name: 维生素B3");

    assertThatThrownBy(() -> BrandKit.load(dir))
        .hasMessageContaining("\"维生素B3\" is an alias; write the canonical name \"烟酰胺\"");
  }

  @Test
  void freeFromMustNotContainAnIngredientOfTheProduct() {
    Path dir = TestKit.copyTo(tmp.resolve("kit"));
    TestKit.edit(dir, "products.yaml", "free_from: [皂基]", "free_from: [皂基, 甘油]");

    assertThatThrownBy(() -> BrandKit.load(dir))
        .hasMessageContaining(
            "products[1].free_from: \"甘油\" is also one of the product's ingredients");
  }

  @Test
  void badConcentrationAndMissingSpf() {
    Path dir = TestKit.copyTo(tmp.resolve("kit"));
    TestKit.edit(dir, "products.yaml", "concentration: \"2%\"", "concentration: 两个点");
    TestKit.edit(dir, "products.yaml", "    spf: 30\n", "");

    assertThatThrownBy(() -> BrandKit.load(dir))
        .hasMessageContaining(
            "products[1].ingredients[0].concentration: \"两个点\" is not a percentage")
        .hasMessageContaining("category sunscreen requires spf");
  }

  @Test
  void dictionaryTermsMustBeUniqueAndNotTooShort() {
    Path dir = TestKit.copyTo(tmp.resolve("kit"));
    TestKit.edit(dir, "ingredients.yaml", "aliases: [透明质酸, 玻尿酸]", "aliases: [透明质酸, 玻尿酸, 酸]");
    TestKit.edit(dir, "effects.yaml", "aliases: [平衡油脂]", "aliases: [平衡油脂, 补水]");

    assertThatThrownBy(() -> BrandKit.load(dir))
        .hasMessageContaining("alias \"酸\" is too short")
        .hasMessageContaining("\"补水\" is already a name or alias of effect \"保湿\"");
  }

  @Test
  void duplicateYamlKeyAndSyntaxErrorsAreLocated() {
    Path dir = TestKit.copyTo(tmp.resolve("kit"));
    TestKit.edit(dir, "brand.yaml", "name: 山野手记\n", "name: 山野手记\nname: 山野\n");
    TestKit.edit(dir, "effects.yaml", "  - name: 保湿", "  - name: [保湿");

    assertThatThrownBy(() -> BrandKit.load(dir))
        .hasMessageContaining("brand.yaml:3:1: duplicate key \"name\" (first at line 2)")
        .hasMessageContaining("effects.yaml:")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void wrongKindsAndBadRegexesAreReported() {
    Path dir = TestKit.copyTo(tmp.resolve("kit"));
    TestKit.edit(dir, "brand.yaml", "max_exclamation_marks: 1", "max_exclamation_marks: 很多");
    TestKit.edit(dir, "brand.yaml", "meta_patterns: ['以下是']", "meta_patterns: ['以下(是']");
    TestKit.edit(dir, "content_types.yaml", "channel: ad", "channel: billboard");

    assertThatThrownBy(() -> BrandKit.load(dir))
        .hasMessageContaining("rules.max_exclamation_marks: expected an integer, found \"很多\"")
        .hasMessageContaining("rules.meta_patterns[0]: not a valid regular expression")
        .hasMessageContaining("content_types[1].channel: unknown channel \"billboard\"");
  }

  @Test
  void missingFileAndMissingDirectory() throws Exception {
    Path dir = TestKit.copyTo(tmp.resolve("kit"));
    Files.delete(dir.resolve("effects.yaml"));

    assertThatThrownBy(() -> BrandKit.load(dir)).hasMessageContaining("effects.yaml: missing file");
    assertThatThrownBy(() -> BrandKit.load(tmp.resolve("nope")))
        .hasMessageContaining("no such directory");
  }

  @Test
  void unknownIdsAreUserErrorsThatListTheChoices() {
    BrandKit kit = TestKit.load();

    assertThatThrownBy(() -> kit.requireProduct("X9"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("unknown product \"X9\"")
        .hasMessageContaining("T01, T02, T03");
    assertThatThrownBy(() -> kit.requireContentType("tweet"))
        .hasMessageContaining("one of: note, ad, detail");
  }
}

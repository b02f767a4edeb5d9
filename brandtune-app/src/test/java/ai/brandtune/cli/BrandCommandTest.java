package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.brand.TestKit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The brand commands on a second, made-up brand (山野手记) passed with --kit. */
class BrandCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path kit;

  @BeforeEach
  void copyKit() {
    kit = TestKit.copyTo(tmp.resolve("kit"));
  }

  @Test
  void showPrintsTheBrandInChinese() {
    CliRun run = CliRun.of("brand", "show", "--kit", kit.toString(), "--products");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("品牌：山野手记")
        .contains("坚决避免：爆款、闭眼入、宝子们、yyds")
        .contains("产品（3）：洁面1，面霜1，防晒1")
        .contains("T03  清透防晒乳  防晒");
  }

  @Test
  void promptPrintsSystemAndUserMessages() throws Exception {
    CliRun run =
        CliRun.of("brand", "prompt", "--kit", kit.toString(), "--product", "T01", "--type", "ad");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("=== system ===\n你是品牌「山野手记」的文案撰稿人。")
        .contains("=== user ===\n内容类型：短广告");

    CliRun json =
        CliRun.of(
            "brand",
            "prompt",
            "--kit",
            kit.toString(),
            "--product",
            "T01",
            "--type",
            "ad",
            "--json");
    JsonNode messages = JSON.readTree(json.out());
    assertThat(messages.size()).isEqualTo(2);
    assertThat(messages.get(1).get("content").asText()).contains("- 产品名称：积雪草舒缓面霜");
  }

  @Test
  void checkFindsTheBrandsOwnBannedWordsAsJson() throws Exception {
    String text = "换季时脸颊总是发干泛红？积雪草舒缓面霜是爆 款，含5%积雪草提取物。点击了解。";
    CliRun run =
        CliRun.of(
            "brand",
            "check",
            "--kit",
            kit.toString(),
            "--product",
            "T01",
            "--type",
            "ad",
            "--text",
            text,
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode n = JSON.readTree(run.out());
    assertThat(n.get("score").asDouble()).isBetween(0.0, 0.99);
    JsonNode banned = null;
    JsonNode concentration = null;
    for (JsonNode f : n.get("findings")) {
      if (f.get("rule").asText().equals("banned")) {
        banned = f;
      }
      if (f.get("rule").asText().equals("fact.concentration")) {
        concentration = f;
      }
    }
    assertThat(banned).isNotNull();
    assertThat(banned.get("evidence").asText()).isEqualTo("爆 款");
    assertThat(text.substring(banned.get("start").asInt(), banned.get("end").asInt()))
        .isEqualTo("爆 款");
    assertThat(concentration.get("subject").asText()).isEqualTo("积雪草提取物");
    assertThat(concentration.get("evidence").asText()).isEqualTo("5%");
  }

  @Test
  void checkPrintsChineseFindingsFromAFile() throws Exception {
    Path file = tmp.resolve("copy.txt");
    Files.writeString(file, "积雪草舒缓面霜可以美白。");
    CliRun run =
        CliRun.of(
            "brand",
            "check",
            "--kit",
            kit.toString(),
            "--product",
            "T01",
            "--type",
            "ad",
            "--file",
            file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("得分 ")
        .contains("[错误] fact.effect")
        .contains("声称功效“美白”")
        .contains("[错误] format.cta");
  }

  @Test
  void validatePassesOnAConsistentKitAndFailsWithFileLineProblems() throws Exception {
    Files.createDirectories(kit.resolve("golden"));
    Files.writeString(
        kit.resolve("golden/part-1.jsonl"),
        "{\"meta\":{\"product_id\":\"T01\",\"content_type\":\"ad\"},\"completion\":\""
            + "换季时脸颊总是发干泛红？积雪草舒缓面霜含1%积雪草提取物和0.5%神经酰胺，温和舒缓。点击了解。\"}\n");

    CliRun fill = CliRun.of("brand", "fill-prompts", "--kit", kit.toString(), "--delete-parts");
    assertThat(fill.exitCode()).as(fill.err()).isZero();
    assertThat(fill.out())
        .contains("golden.jsonl: 1 records from 1 draft part(s) (drafts deleted)");

    CliRun ok = CliRun.of("brand", "validate", "--kit", kit.toString());
    assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("golden: 1 records").contains("0 error(s)");

    Path golden = kit.resolve("golden.jsonl");
    Files.writeString(golden, Files.readString(golden).replace("温和舒缓。", "温和舒缓，闭眼入。"));
    CliRun bad = CliRun.of("brand", "validate", "--kit", kit.toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.out()).contains("error: " + golden + ":1: T01/ad banned [");
    assertThat(bad.errLines())
        .singleElement()
        .asString()
        .startsWith("error: brand kit " + kit + " has 1 error(s)");
  }

  @Test
  void unknownProductIsAOneLineError() {
    CliRun run =
        CliRun.of("brand", "prompt", "--kit", kit.toString(), "--product", "X1", "--type", "ad");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("error: unknown product \"X1\"");
  }

  @Test
  void builtInKitIsTheDefault() {
    CliRun run = CliRun.of("brand", "prompt", "--product", "P001", "--type", "paid_ad_pas");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("「原素方程」").contains("绿茶抗氧面膜");
  }
}

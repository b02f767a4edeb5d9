package ai.brandtune.brand;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.text.ChatMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expected prompts under {@code prompts/} were written by hand from the prompt layout in
 * docs/brand-kit.md and the test brand's files, not produced by the builder.
 */
class PromptBuilderTest {
  static final BrandKit KIT = TestKit.load();

  @TempDir Path tmp;

  static String fixture(String name) {
    try (InputStream in =
        PromptBuilderTest.class
            .getClassLoader()
            .getResourceAsStream("ai/brandtune/brand/prompts/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void adPromptMatchesTheHandWrittenFixture() {
    List<ChatMessage> m = new PromptBuilder(KIT).build("T01", "ad");

    assertThat(m).extracting(ChatMessage::role).containsExactly("system", "user");
    assertThat(m.get(0).content()).isEqualTo(fixture("system.txt"));
    assertThat(m.get(1).content()).isEqualTo(fixture("T01-ad.user.txt"));
  }

  @Test
  void notePromptListsIngredientsWithoutConcentrationByName() {
    List<ChatMessage> m = new PromptBuilder(KIT).build("T02", "note");

    assertThat(m.get(0).content()).isEqualTo(fixture("system.txt"));
    assertThat(m.get(1).content()).isEqualTo(fixture("T02-note.user.txt"));
  }

  @Test
  void sunscreenPromptCarriesSpfPaAndExtraInstructions() {
    List<ChatMessage> m =
        new PromptBuilder(KIT)
            .build(KIT.requireProduct("T03"), KIT.requireContentType("detail"), "  面向通勤人群。 ");

    assertThat(m.get(1).content()).isEqualTo(fixture("T03-detail-extra.user.txt"));
  }

  @Test
  void promptsAreStableAcrossBuildsAndLoads() {
    BrandKit again = BrandKit.load(TestKit.copyTo(tmp.resolve("kit")));
    for (Product p : KIT.products()) {
      for (ContentType t : KIT.contentTypes()) {
        List<ChatMessage> first = new PromptBuilder(KIT).build(p.id(), t.id());
        assertThat(new PromptBuilder(KIT).build(p.id(), t.id())).isEqualTo(first);
        assertThat(new PromptBuilder(again).build(p.id(), t.id())).isEqualTo(first);
      }
    }
  }

  @Test
  void blankExtraInstructionsAreLeftOut() {
    PromptBuilder b = new PromptBuilder(KIT);
    Product p = KIT.requireProduct("T01");
    ContentType t = KIT.requireContentType("ad");

    assertThat(b.build(p, t, " ")).isEqualTo(b.build(p, t, null));
    assertThat(b.build(p, t, null).get(1).content()).doesNotContain("补充要求");
  }

  @Test
  void builtInPromptCarriesTheBrief() {
    BrandKit kit = BrandKit.builtIn();
    List<ChatMessage> m = new PromptBuilder(kit).build("P001", "paid_ad_pas");

    assertThat(m.get(0).content())
        .startsWith("你是品牌「原素方程」的文案撰稿人。\n品牌人格：一位冷静、专业、值得信赖的皮肤科医生或科研人员。")
        .contains("鼓励使用的词（自然融入，每篇至少2个）：屏障、修护、科学、精简、配方、浓度、源头、温和")
        .contains("坚决避免的词（拆开写、夹符号也不行）：神器、逆天、奇迹、秒杀、绝绝子、yyds、家人们")
        .contains("1. 不使用感叹号，语气冷静克制。");
    assertThat(m.get(1).content())
        .startsWith("内容类型：信息流广告（PAS）\n")
        .contains("- 产品名称：绿茶抗氧面膜\n- 品类：面膜\n- 核心成分：绿茶提取物（2%）、麦角硫因（0.1%）\n");
  }
}

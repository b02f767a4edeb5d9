package ai.brandtune.judge;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.PromptBuilder;
import ai.brandtune.text.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LlmJudgeTest {
  private static final BrandKit KIT = BrandKit.builtIn();
  private static final Map<String, Rubric> RUBRICS = RubricLoader.builtIn();
  private static final String TYPE = "social_media_educational";
  private static final String AD = "paid_ad_pas";
  private static final List<ChatMessage> PROMPT = new PromptBuilder(KIT).build("P001", TYPE);

  /** A backend answering each conversation with {@code script}, recording what it was sent. */
  private static final class Scripted implements JudgeBackend {
    final List<List<ChatMessage>> sent = new ArrayList<>();
    final Function<List<ChatMessage>, String> script;

    Scripted(Function<List<ChatMessage>, String> script) {
      this.script = script;
    }

    @Override
    public List<Optional<String>> complete(List<List<ChatMessage>> conversations, int variant) {
      List<Optional<String>> out = new ArrayList<>();
      for (List<ChatMessage> c : conversations) {
        sent.add(c);
        out.add(Optional.of(script.apply(c)));
      }
      return out;
    }
  }

  private static String scores(String contentType, int value) {
    List<String> parts = new ArrayList<>();
    for (Rubric.Dimension d :
        RUBRICS.get(KIT.requireContentType(contentType).channel().id()).dimensions()) {
      parts.add("\"" + d.id() + "\": " + value);
    }
    return "{" + String.join(", ", parts) + "}";
  }

  private static LlmJudge judge(JudgeBackend backend) {
    return new LlmJudge(backend, RUBRICS, KIT, 3, 7);
  }

  private static LlmJudge.Item item(String copy) {
    return new LlmJudge.Item("x", PROMPT, "P001", TYPE, copy, "参考文案");
  }

  @Test
  void schemaViolationIsRetriedWithTheErrorThenAccepted() {
    Scripted backend =
        new Scripted(
            c ->
                c.size() == 2
                    ? "{\"flaws\": [], \"scores\": {\"brand_fit\": 4}}"
                    : "```json\n{\"flaws\": [\"结构松散\"], \"scores\": " + scores(TYPE, 3) + "}\n```");
    JudgeOutcome<AbsoluteVerdict> o = judge(backend).absolute(List.of(item("一篇克制的科普笔记。"))).get(0);
    assertThat(o.ok()).isTrue();
    assertThat(o.attempts()).isEqualTo(2);
    assertThat(o.verdict().scores()).containsEntry("value_engagement", 3).hasSize(5);
    assertThat(o.verdict().flaws()).containsExactly("结构松散");
    // the retry carried the first answer and the validation error back to the judge
    List<ChatMessage> retry = backend.sent.get(1);
    assertThat(retry).hasSize(4);
    assertThat(retry.get(2).role()).isEqualTo("assistant");
    assertThat(retry.get(3).content()).contains("authenticity_immersion");
  }

  @Test
  void persistentSchemaViolationsAreRecordedAsFailed() {
    Scripted backend = new Scripted(c -> "{\"flaws\": [], \"scores\": " + scores(TYPE, 9) + "}");
    JudgeOutcome<AbsoluteVerdict> o = judge(backend).absolute(List.of(item("文案"))).get(0);
    assertThat(o.ok()).isFalse();
    assertThat(o.attempts()).isEqualTo(3);
    assertThat(o.answers()).hasSize(3);
    assertThat(o.failure()).contains("after 3 attempts").contains("from 1 to 5");
    assertThat(backend.sent).hasSize(3);

    Scripted noJson = new Scripted(c -> "这篇写得不错。");
    assertThat(judge(noJson).absolute(List.of(item("文案"))).get(0).failure())
        .contains("no JSON object");
  }

  @Test
  void hardCapsHoldWhateverTheJudgeSays() {
    Scripted lenient = new Scripted(c -> "{\"flaws\": [], \"scores\": " + scores(AD, 5) + "}");
    String banned = "这款精华是修护神器，温和修护屏障。";
    LlmJudge.Item ad =
        new LlmJudge.Item("ad", new PromptBuilder(KIT).build("P001", AD), "P001", AD, banned, null);
    AbsoluteVerdict v = judge(lenient).absolute(List.of(ad)).get(0).verdict();
    assertThat(v.scores()).containsEntry("brand_fit", 2).containsEntry("cta_effectiveness", 1);
    assertThat(v.capped())
        .containsEntry("brand_fit", "banned_keyword")
        .containsEntry("cta_effectiveness", "missing_cta");
    assertThat(v.scores().get("click_appeal")).isEqualTo(5);
  }

  @Test
  void alwaysFirstPositionJudgeYieldsFullPositionBiasAndOnlyTies() {
    Scripted firstPick =
        new Scripted(
            c ->
                "{\"best\": \"A\", \"scores\": {\"A\": "
                    + scores(TYPE, 4)
                    + ", \"B\": "
                    + scores(TYPE, 2)
                    + ", \"C\": "
                    + scores(TYPE, 2)
                    + "}}");
    Map<String, String> candidates = new LinkedHashMap<>();
    candidates.put("golden", "金标准文案内容甲");
    candidates.put("sft-model", "微调模型文案内容乙");
    candidates.put("base-model", "基座模型文案内容丙");
    List<LlmJudge.Comparison> comparisons = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      comparisons.add(new LlmJudge.Comparison("p" + i, PROMPT, "P001", TYPE, candidates, null));
    }
    List<ComparativeOutcome> out = judge(firstPick).compare(comparisons);
    assertThat(LlmJudge.positionBiasRate(out)).isEqualTo(1.0);
    assertThat(out).allMatch(ComparativeOutcome::tie);
    // each candidate was first in one order and elsewhere in the other, so its mean is (4 + 2) / 2
    // or (2 + 2) / 2
    for (ComparativeOutcome o : out) {
      assertThat(o.orders().get(0)).isNotEqualTo(o.orders().get(1));
      assertThat(o.orders().get(0).get(0)).isNotEqualTo(o.orders().get(1).get(0));
      assertThat(o.scores().get(o.orders().get(0).get(0)).get("brand_fit")).isEqualTo(3.0);
    }
    // anonymized: names never reach the judge, copies appear under labels in each order's sequence
    assertThat(firstPick.sent).hasSize(12);
    Map<String, Boolean> firstSeen = new LinkedHashMap<>();
    for (int k = 0; k < firstPick.sent.size(); k++) {
      String text = firstPick.sent.get(k).get(1).content();
      assertThat(text).doesNotContain("golden", "sft-model", "base-model");
      List<String> order = out.get(k / 2).orders().get(k % 2);
      int a = text.indexOf("【候选 A】\n" + candidates.get(order.get(0)));
      int b = text.indexOf("【候选 B】\n" + candidates.get(order.get(1)));
      int c = text.indexOf("【候选 C】\n" + candidates.get(order.get(2)));
      assertThat(a).isPositive();
      assertThat(b).isGreaterThan(a);
      assertThat(c).isGreaterThan(b);
      firstSeen.put(order.get(0), true);
    }
    // the seeded shuffle does not always put the same candidate first
    assertThat(firstSeen.size()).isGreaterThan(1);
  }

  @Test
  void consistentJudgeKeepsTheWinnerWithoutPositionFlips() {
    // picks whichever label shows the copy containing 乙, wherever it is
    Scripted fair =
        new Scripted(
            c -> {
              String text = c.get(1).content();
              String best = text.indexOf("【候选 A】\n乙") >= 0 ? "A" : "B";
              return "{\"best\": \""
                  + best
                  + "\", \"scores\": {\"A\": "
                  + scores(TYPE, 3)
                  + ", \"B\": "
                  + scores(TYPE, 3)
                  + "}}";
            });
    Map<String, String> candidates = new LinkedHashMap<>();
    candidates.put("m1", "甲文案");
    candidates.put("m2", "乙文案");
    List<ComparativeOutcome> out =
        judge(fair)
            .compare(List.of(new LlmJudge.Comparison("p", PROMPT, "P001", TYPE, candidates, "参考")));
    assertThat(out.get(0).winner()).isEqualTo("m2");
    assertThat(LlmJudge.positionBiasRate(out)).isZero();
    assertThat(fair.sent.get(0).get(1).content()).contains("【参考文案】");
  }
}

package ai.brandtune.judge;

import ai.brandtune.text.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the judge's messages (Chinese, as the copy is). The scale is anchored on the golden
 * reference when one is given (reference quality = 4, 5 only when clearly better), the judge lists
 * concrete flaws before it scores, and the rubric's hard caps are stated; the answer is one JSON
 * object whose shape {@link JudgeSchema} checks.
 */
public final class JudgePrompt {
  private JudgePrompt() {}

  /** Messages asking for an absolute verdict on one copy. */
  public static List<ChatMessage> absolute(
      Rubric rubric, String brief, String copy, String reference) {
    StringBuilder user = new StringBuilder();
    user.append("【写作任务】\n").append(brief.strip()).append("\n\n");
    if (reference != null) {
      user.append("【参考文案】（评分锚点：参考文案的水平记为 4 分）\n").append(reference.strip()).append("\n\n");
    }
    user.append("【待评文案】\n").append(copy.strip()).append("\n\n");
    user.append("先逐条列出待评文案的具体问题（引用原文），再按评分细则给每个维度打分。只输出一个 JSON 对象：\n");
    user.append("{\"flaws\": [\"问题1\", ...], \"scores\": {");
    user.append(
        String.join(", ", rubric.dimensionIds().stream().map(d -> "\"" + d + "\": 1-5").toList()));
    user.append("}, \"rationale\": \"一两句总结\"}");
    return List.of(
        ChatMessage.system(system(rubric, reference != null)), ChatMessage.user(user.toString()));
  }

  /**
   * Messages asking to compare candidates shown under anonymous labels, in the given order.
   *
   * @param labelled label to copy, in presentation order
   */
  public static List<ChatMessage> comparative(
      Rubric rubric, String brief, Map<String, String> labelled, String reference) {
    StringBuilder user = new StringBuilder();
    user.append("【写作任务】\n").append(brief.strip()).append("\n\n");
    if (reference != null) {
      user.append("【参考文案】（评分锚点：参考文案的水平记为 4 分）\n").append(reference.strip()).append("\n\n");
    }
    List<String> labels = new ArrayList<>(labelled.keySet());
    labelled.forEach(
        (label, copy) ->
            user.append("【候选 ").append(label).append("】\n").append(copy.strip()).append("\n\n"));
    user.append("候选的先后顺序是随机的，与质量无关；长度本身不是优点。")
        .append("先逐条列出每个候选的具体问题，再按评分细则给每个候选的每个维度打分，最后选出最好的一个。只输出一个 JSON 对象：\n");
    user.append("{\"flaws\": {");
    user.append(
        String.join(", ", labels.stream().map(l -> "\"" + l + "\": [\"问题\", ...]").toList()));
    user.append("}, \"scores\": {");
    String dims =
        String.join(", ", rubric.dimensionIds().stream().map(d -> "\"" + d + "\": 1-5").toList());
    user.append(
        String.join(", ", labels.stream().map(l -> "\"" + l + "\": {" + dims + "}").toList()));
    user.append("}, \"best\": \"")
        .append(String.join("|", labels))
        .append("\", \"rationale\": \"一两句理由\"}");
    return List.of(
        ChatMessage.system(system(rubric, reference != null)), ChatMessage.user(user.toString()));
  }

  /** The follow-up that asks again after an answer failed the schema. */
  public static ChatMessage correction(String error) {
    return ChatMessage.user("上面的回答不符合要求的格式：" + error + "。请重新评审，只输出一个符合格式的 JSON 对象，不要附加其他文字。");
  }

  static String system(Rubric rubric, boolean withReference) {
    StringBuilder s = new StringBuilder();
    s.append("你是一位严格的品牌文案评审，负责评审「").append(rubric.name()).append("」类文案。\n");
    s.append("评分原则：\n");
    s.append("1. 尽可能严格。只有在文案确实做到某一档描述的全部表现时才给该档分数；拿不准时给低一档。\n");
    if (withReference) {
      s.append("2. 参考文案的水平记为 4 分；只有明显优于参考文案时才能给 5 分。\n");
    } else {
      s.append("2. 4 分表示达到品牌优秀文案的水平；5 分只留给几乎无可挑剔的文案。\n");
    }
    s.append("3. 先找问题再打分：每个维度至少检查一遍扣分项，列出的问题必须在分数中体现。\n");
    s.append("4. 篇幅长不等于好；堆砌内容、超出长度要求都要扣分。\n\n");
    s.append("评分细则（每个维度 1-5 分）：\n");
    for (Rubric.Dimension d : rubric.dimensions()) {
      s.append("\n## ").append(d.id()).append("（").append(d.name()).append("）\n");
      if (!d.question().isBlank()) {
        s.append(d.question()).append('\n');
      }
      for (int score = Rubric.MAX_SCORE; score >= Rubric.MIN_SCORE; score--) {
        s.append("- ").append(score).append(" 分：").append(d.anchors().get(score)).append('\n');
      }
      for (String deduction : d.deductions()) {
        s.append("- 扣分：").append(deduction).append('\n');
      }
    }
    if (!rubric.caps().isEmpty()) {
      s.append("\n硬性上限（无论其他表现如何）：\n");
      for (Rubric.Cap c : rubric.caps()) {
        s.append("- ")
            .append(c.text().isBlank() ? c.dimension() + " 最高 " + c.max() + " 分" : c.text())
            .append('\n');
      }
    }
    return s.toString();
  }
}

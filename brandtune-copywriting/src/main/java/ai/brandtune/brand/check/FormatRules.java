package ai.brandtune.brand.check;

import ai.brandtune.brand.BrandRules;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Folding;
import ai.brandtune.brand.IntRange;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Form rules of the content type's channel: length, title line, hashtags, 【section】 headings,
 * markdown, meta-commentary, template leftovers, the product name, sentence count and the call to
 * action at the end.
 */
final class FormatRules {
  private static final Pattern TITLE = Pattern.compile("^标题[:：]\\s*(.*)$");
  private static final Pattern HASHTAG = Pattern.compile("[#＃][^\\s#＃]+");
  private static final Pattern HEADING_LINE = Pattern.compile("^【([^】\\n]+)】$");
  private static final Pattern MARKDOWN_HEADER =
      Pattern.compile("(?m)^[ \\t]{0,3}#{1,6}[ \\t]+\\S.*$");
  private static final Pattern MARKDOWN_BOLD = Pattern.compile("\\*\\*[^*\\n]+\\*\\*|__[^_\\n]+__");
  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "\\[[^\\[\\]\\n]{0,30}\\]|\\{[^{}\\n]{0,40}\\}|<[^<>\\n]{1,20}>"
              + "|【[^】\\n]*(在此|此处|插入|填写|待补充|待填|产品名|品牌名|名称|xx|XX|TODO)[^】\\n]*】"
              + "|(?i)(?<![a-z])x{3,}(?![a-z])");

  private final BrandRules rules;

  FormatRules(BrandRules rules) {
    this.rules = rules;
  }

  void check(Analysis a, String productName, Findings out) {
    ContentType type = a.type();
    String text = a.text();
    length(a, out);
    List<Sentences.Piece> lines = Sentences.lines(text);
    title(type, lines, text, out);
    hashtags(type, lines, text, out);
    sections(type, lines, out);
    if (!type.markdown()) {
      regex(text, MARKDOWN_HEADER, Rule.MARKDOWN, "Markdown 标题：此渠道是纯文本，不用 # 标题", out);
      regex(text, MARKDOWN_BOLD, Rule.MARKDOWN, "Markdown 加粗：此渠道是纯文本，不用 ** 或 __", out);
    }
    regex(text, PLACEHOLDER, Rule.PLACEHOLDER, "模板残留：请换成真实内容或删除", out);
    for (Pattern p : rules.metaPatterns()) {
      regex(text, p, Rule.META, "元评论：直接写文案正文，不要解释或介绍文案本身", out);
    }
    if (type.productNameRequired()
        && productName != null
        && !a.folded().text().contains(Folding.fold(productName))) {
      out.whole(Rule.PRODUCT_NAME, Severity.ERROR, "没有写出产品名“" + productName + "”");
    }
    if (type.sentences() != null) {
      int n = contentSentences(text);
      if (!type.sentences().contains(n)) {
        out.whole(
            Rule.SENTENCES,
            Severity.WARNING,
            "共" + n + "句，" + type.name() + "建议" + type.sentences() + "句");
      }
    }
    if (type.ctaRequired()) {
      cta(a, out);
    }
  }

  private static void length(Analysis a, Findings out) {
    IntRange range = a.type().length();
    int n = Sentences.visibleLength(a.text());
    if (!range.contains(n)) {
      out.whole(
          Rule.LENGTH,
          Severity.ERROR,
          "长度"
              + n
              + "字（不计空白），"
              + a.type().name()
              + "要求"
              + range
              + "字"
              + (n < range.min() ? "，请补充内容" : "，请精简"));
    }
  }

  private static void title(
      ContentType type, List<Sentences.Piece> lines, String text, Findings out) {
    Sentences.Piece first = lines.isEmpty() ? null : lines.get(0);
    Matcher m = first == null ? null : TITLE.matcher(first.text());
    boolean hasTitle = m != null && m.matches();
    if (type.title() == null) {
      if (hasTitle) {
        out.add(
            Rule.TITLE,
            Severity.ERROR,
            "此渠道不需要“标题：”行，请删除",
            first.start(),
            first.end(),
            first.text(),
            "");
      }
      return;
    }
    if (!hasTitle) {
      out.whole(Rule.TITLE, Severity.ERROR, "第一行应为“标题：”加标题（" + type.title() + "字）");
      return;
    }
    int n = Sentences.visibleLength(m.group(1));
    if (!type.title().contains(n)) {
      out.add(
          Rule.TITLE,
          Severity.ERROR,
          "标题" + n + "字，要求" + type.title() + "字",
          first.start(),
          first.end(),
          first.text(),
          "");
    }
    // the blank line after the title separates it from the body in the note layout
    int afterTitle = text.indexOf('\n', first.end());
    if (afterTitle >= 0) {
      int next = text.indexOf('\n', afterTitle + 1);
      String between =
          next < 0 ? text.substring(afterTitle + 1) : text.substring(afterTitle + 1, next);
      if (!between.isBlank()) {
        out.add(
            Rule.TITLE,
            Severity.WARNING,
            "标题行后应空一行再写正文",
            first.start(),
            first.end(),
            first.text(),
            "");
      }
    }
  }

  private static void hashtags(
      ContentType type, List<Sentences.Piece> lines, String text, Findings out) {
    Matcher m = HASHTAG.matcher(text);
    List<int[]> tags = new ArrayList<>();
    while (m.find()) {
      tags.add(new int[] {m.start(), m.end()});
    }
    if (type.hashtags() == null) {
      for (int[] t : tags) {
        out.add(
            Rule.HASHTAGS,
            Severity.ERROR,
            "话题标签：" + type.name() + "不用 # 标签",
            t[0],
            t[1],
            text.substring(t[0], t[1]),
            "");
      }
      return;
    }
    Sentences.Piece last = lines.isEmpty() ? null : lines.get(lines.size() - 1);
    boolean lastIsTags = last != null && last.text().replaceAll("[#＃][^\\s#＃]+", "").isBlank();
    if (!lastIsTags) {
      out.whole(Rule.HASHTAGS, Severity.ERROR, "最后一行应为" + type.hashtags() + "个话题标签（#标签，用空格隔开）");
    } else {
      int count = 0;
      for (int[] t : tags) {
        if (t[0] >= last.start()) {
          count++;
        }
      }
      if (!type.hashtags().contains(count)) {
        out.add(
            Rule.HASHTAGS,
            Severity.ERROR,
            "话题标签" + count + "个，要求" + type.hashtags() + "个",
            last.start(),
            last.end(),
            last.text(),
            "");
      }
    }
    if (lastIsTags) {
      for (int[] t : tags) {
        if (t[0] < last.start()) {
          out.add(
              Rule.HASHTAGS,
              Severity.WARNING,
              "话题标签应集中写在最后一行",
              t[0],
              t[1],
              text.substring(t[0], t[1]),
              "");
        }
      }
    }
  }

  private static void sections(ContentType type, List<Sentences.Piece> lines, Findings out) {
    List<Sentences.Piece> headings = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Sentences.Piece line : lines) {
      Matcher m = HEADING_LINE.matcher(line.text());
      if (m.matches()) {
        headings.add(line);
        names.add(m.group(1).strip());
      }
    }
    if (!type.sectionHeadings()) {
      for (Sentences.Piece h : headings) {
        out.add(
            Rule.SECTIONS,
            Severity.ERROR,
            "小标题：" + type.name() + "不用【】小标题",
            h.start(),
            h.end(),
            h.text(),
            "");
      }
      return;
    }
    List<String> missing = new ArrayList<>();
    for (String required : type.sections()) {
      if (!names.contains(stripBrackets(required))) {
        missing.add(required);
      }
    }
    if (!missing.isEmpty()) {
      out.whole(Rule.SECTIONS, Severity.ERROR, "缺少小标题：" + String.join("", missing) + "（每个小标题单独一行）");
      return;
    }
    int previous = -1;
    String previousName = null;
    for (String required : type.sections()) {
      int at = names.indexOf(stripBrackets(required));
      if (at < previous) {
        Sentences.Piece h = headings.get(at);
        out.add(
            Rule.SECTIONS,
            Severity.ERROR,
            "小标题顺序：" + required + "应在" + previousName + "之后",
            h.start(),
            h.end(),
            h.text(),
            "");
      }
      previous = Math.max(previous, at);
      previousName = required;
    }
  }

  private static String stripBrackets(String s) {
    String t = s.strip();
    if (t.startsWith("【") && t.endsWith("】")) {
      t = t.substring(1, t.length() - 1);
    }
    return t.strip();
  }

  private static void regex(String text, Pattern p, Rule rule, String message, Findings out) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      if (m.end() > m.start()) {
        out.add(
            rule,
            Severity.ERROR,
            message + "（“" + m.group() + "”）",
            m.start(),
            m.end(),
            m.group(),
            "");
      }
    }
  }

  /** Sentences that carry text: hashtag-only lines and a title line do not count. */
  private static int contentSentences(String text) {
    int n = 0;
    for (Sentences.Piece s : Sentences.sentences(text)) {
      String t = s.text();
      if (t.replaceAll("[#＃][^\\s#＃]+", "").isBlank() || TITLE.matcher(t).matches()) {
        continue;
      }
      if (Sentences.visibleLength(t.replaceAll("[\\p{P}\\p{S}]", "")) == 0) {
        continue;
      }
      n++;
    }
    return n;
  }

  private void cta(Analysis a, Findings out) {
    List<Sentences.Piece> sentences = Sentences.sentences(a.text());
    if (rules.ctaPhrases().isEmpty()) {
      return;
    }
    Sentences.Piece last = null;
    for (int i = sentences.size() - 1; i >= 0; i--) {
      Sentences.Piece s = sentences.get(i);
      if (Sentences.visibleLength(s.text().replaceAll("[\\p{P}\\p{S}]", "")) > 0) {
        last = s;
        break;
      }
    }
    if (last == null) {
      out.whole(Rule.CTA, Severity.ERROR, "缺少行动号召：最后一句应引导行动");
      return;
    }
    String folded = Folding.fold(last.text());
    for (String phrase : rules.ctaPhrases()) {
      if (folded.contains(Folding.fold(phrase))) {
        return;
      }
    }
    out.add(
        Rule.CTA,
        Severity.ERROR,
        "最后一句缺少行动号召，应包含以下之一：" + String.join("、", rules.ctaPhrases()),
        last.start(),
        last.end(),
        last.text(),
        "");
  }
}

package ai.brandtune.synth;

import ai.brandtune.brand.Brand;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Product;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic fixes for what LLM output typically carries besides the copy: reasoning blocks
 * ({@code <think>...</think>}), HTML tags, code fences, markdown where the channel is plain text,
 * hashtags where the channel has none, meta-commentary (以下是…文案：, 希望这篇…), template leftovers ({@code
 * [产品名]}), exclamation marks beyond the brand's limit, and stray whitespace. Meta-commentary is
 * found with the brand's own {@code meta_patterns} plus a few generic ones, so what the checker
 * flags is what gets removed.
 */
final class RuleCleaner {

  /** One kind of fix; its id is what {@code meta.history} notes. */
  enum Fix {
    THINK,
    TAGS,
    CODE_FENCE,
    MARKDOWN,
    HASHTAGS,
    META,
    PLACEHOLDER,
    EXCLAMATION,
    WHITESPACE;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Every fix: the clean stage. */
  static final Set<Fix> ALL = EnumSet.allOf(Fix.class);

  /** Artifact fixes only: teacher-written rejected variants keep their voice (! included). */
  static final Set<Fix> ARTIFACTS = EnumSet.complementOf(EnumSet.of(Fix.EXCLAMATION));

  /** The cleaned text and the fixes that changed it, in order. */
  record Result(String text, List<String> fixes) {
    boolean changed() {
      return !fixes.isEmpty();
    }
  }

  private static final Pattern THINK_BLOCK =
      Pattern.compile("(?is)<(think|thinking|reasoning)>.*?</\\1>");
  private static final Pattern THINK_CLOSE = Pattern.compile("(?is)^.*?</(think|thinking)>");
  private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</?p\\s*>|</?div\\s*>");
  private static final Pattern HTML_TAG =
      Pattern.compile(
          "(?i)</?(b|strong|i|em|u|s|span|font|mark|small|big|sup|sub|ul|ol|li|h[1-6]|hr|a|code"
              + "|pre|blockquote|section|article|center|think|answer)(\\s[^<>]*)?/?>");
  private static final Pattern FENCE = Pattern.compile("(?m)^[ \\t]*```[^\\n]*\\n?");
  private static final Pattern MD_HEADER = Pattern.compile("(?m)^[ \\t]{0,3}#{1,6}[ \\t]+(\\S.*)$");
  private static final Pattern MD_BOLD = Pattern.compile("\\*\\*([^*\\n]+)\\*\\*|__([^_\\n]+)__");
  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "\\[[^\\[\\]\\n]{0,30}\\]|\\{[^{}\\n]{0,40}\\}|<[^<>\\n]{1,20}>"
              + "|【[^】\\n]*(在此|此处|插入|填写|待补充|待填|产品名|品牌名|名称|xx|XX|TODO)[^】\\n]*】"
              + "|(?i)(?<![a-z])x{3,}(?![a-z])");
  // generic meta-commentary that brands rarely list: chat openers, offers to revise, word counts
  private static final List<Pattern> GENERIC_META =
      List.of(
          Pattern.compile("^(好的|没问题|收到)[，,。！!]"),
          Pattern.compile("(如需|如果需要|需要的话|如有需要).{0,16}(调整|修改|改写|润色)"),
          Pattern.compile("(希望|祝).{0,12}(对你|对您|能帮到|有所帮助|有帮助)"),
          Pattern.compile("[（(]\\s*(全文|共|约)?\\s*\\d+\\s*字\\s*[)）]"),
          Pattern.compile("[（(]\\s*字数[:：]?\\s*\\d+\\s*字?\\s*[)）]"));

  private final Brand brand;
  private final List<Pattern> metaPatterns;

  RuleCleaner(Brand brand) {
    this.brand = brand;
    List<Pattern> ps = new ArrayList<>(brand.rules().metaPatterns());
    ps.addAll(GENERIC_META);
    this.metaPatterns = List.copyOf(ps);
  }

  Result clean(String text, Product product, ContentType type, Set<Fix> fixes) {
    List<String> applied = new ArrayList<>();
    String t = text.replace("\r\n", "\n").replace('\r', '\n');
    for (Fix f : Fix.values()) {
      if (!fixes.contains(f)) {
        continue;
      }
      String next =
          switch (f) {
            case THINK -> think(t);
            case TAGS -> tags(t);
            case CODE_FENCE -> FENCE.matcher(t).replaceAll("");
            case MARKDOWN -> type.markdown() ? t : markdown(t, type);
            case HASHTAGS -> type.hashtags() != null ? t : hashtags(t);
            case META -> meta(t);
            case PLACEHOLDER -> placeholders(t, product);
            case EXCLAMATION -> exclamations(t);
            case WHITESPACE -> whitespace(t);
          };
      if (!next.equals(t)) {
        // trimming the ends is not worth a history entry; blank runs and wrapping quotes are
        if (f != Fix.WHITESPACE || !next.equals(t.strip())) {
          applied.add(f.id());
        }
        t = next;
      }
    }
    return new Result(t, applied);
  }

  private static String think(String t) {
    String s = THINK_BLOCK.matcher(t).replaceAll("");
    // reasoning models served without the opening tag leave only "</think>" after the reasoning
    Matcher close = THINK_CLOSE.matcher(s);
    if (close.find()) {
      s = s.substring(close.end());
    }
    return s;
  }

  private static String tags(String t) {
    String s = BREAK.matcher(t).replaceAll("\n");
    return HTML_TAG.matcher(s).replaceAll("");
  }

  private static String markdown(String t, ContentType type) {
    Matcher m = MD_HEADER.matcher(t);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String heading = m.group(1).replaceAll("[#*_]+", "").strip();
      String replacement = heading;
      if (type.sectionHeadings()) {
        String bare = heading.replaceAll("^【|】$", "");
        replacement = "【" + bare + "】";
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    Matcher b = MD_BOLD.matcher(sb.toString());
    StringBuilder out = new StringBuilder();
    while (b.find()) {
      String inner = b.group(1) != null ? b.group(1) : b.group(2);
      b.appendReplacement(out, Matcher.quoteReplacement(inner));
    }
    b.appendTail(out);
    return out.toString();
  }

  private static String hashtags(String t) {
    List<String> kept = new ArrayList<>();
    for (String line : t.split("\n", -1)) {
      CopyText.Piece p = new CopyText.Piece(0, line.length(), line.strip());
      if (!line.isBlank() && CopyText.isHashtagLine(p)) {
        continue;
      }
      Matcher m = CopyText.HASHTAG.matcher(line);
      kept.add(m.find() ? m.replaceAll("").replaceAll("[ \\t]{2,}", " ") : line);
    }
    return String.join("\n", kept);
  }

  /**
   * Drops meta-commentary sentences; a framework label that starts a sentence with content after it
   * ({@code 痛点：皮肤总是干？}) loses only the label.
   */
  private String meta(String t) {
    String s = t;
    for (int guard = 0; guard < 50; guard++) {
      String next = metaOnce(s);
      if (next.equals(s)) {
        return s;
      }
      s = next;
    }
    return s;
  }

  private String metaOnce(String t) {
    for (CopyText.Piece sentence : CopyText.sentences(t)) {
      for (Pattern p : metaPatterns) {
        Matcher m = p.matcher(sentence.text());
        if (!m.find()) {
          continue;
        }
        String label = sentence.text().substring(0, m.end());
        String rest = sentence.text().substring(m.end());
        boolean isLabel =
            label.strip().matches("(?s).{0,24}[:：]")
                && m.start() <= 2
                && !rest.replaceAll("[\\s\\d字。，,.；;)）]", "").isEmpty();
        if (isLabel) {
          return CopyText.splice(t, sentence.start(), sentence.end(), rest.stripLeading());
        }
        String s = CopyText.splice(t, sentence.start(), sentence.end(), "");
        // a line that held only the commentary goes with its line break
        int lineStart = s.lastIndexOf('\n', Math.max(0, sentence.start() - 1)) + 1;
        if (sentence.start() == 0) {
          lineStart = 0;
        }
        int lineEnd = s.indexOf('\n', sentence.start());
        String line = lineEnd < 0 ? s.substring(lineStart) : s.substring(lineStart, lineEnd);
        if (line.isBlank()) {
          s = s.substring(0, lineStart) + (lineEnd < 0 ? "" : s.substring(lineEnd + 1));
        }
        return s;
      }
    }
    return t;
  }

  private String placeholders(String t, Product product) {
    Matcher m = PLACEHOLDER.matcher(t);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String inner = m.group();
      String replacement = "";
      if (product != null && inner.matches("(?s).*(产品名|品名|商品名|产品名称).*")) {
        replacement = product.name();
      } else if (inner.matches("(?s).*品牌.*")) {
        replacement = brand.name();
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private String exclamations(String t) {
    int allowed = brand.rules().maxExclamationMarks();
    StringBuilder sb = new StringBuilder(t.length());
    int seen = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '!' || c == '！') {
        seen++;
        if (seen > allowed) {
          char prev = sb.isEmpty() ? ' ' : sb.charAt(sb.length() - 1);
          // "？！" and "！！" collapse; a lone mark becomes a full stop
          if ("。？?".indexOf(prev) < 0) {
            sb.append('。');
          }
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static String whitespace(String t) {
    String s = t.replaceAll("(?m)[ \\t\\u3000]+$", "");
    s = s.replaceAll("\\n{3,}", "\n\n");
    s = s.strip();
    // a copy wrapped in quotes as a whole, as chat models like to answer
    if (s.length() > 2
        && ((s.startsWith("“") && s.endsWith("”") && s.indexOf('“', 1) < 0)
            || (s.startsWith("\"") && s.endsWith("\"") && s.indexOf('"', 1) == s.length() - 1))) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s;
  }
}

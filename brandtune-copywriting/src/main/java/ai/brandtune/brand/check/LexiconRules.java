package ai.brandtune.brand.check;

import ai.brandtune.brand.Brand;
import ai.brandtune.brand.BrandRules;
import ai.brandtune.brand.Folding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-level rules: banned keywords (also written with separators inside, in full-width letters or
 * another case), encouraged keywords, exclamation marks, absolute terms, anxiety and mystery words.
 */
final class LexiconRules {
  /** Banned words must not match across a sentence end: 大家。人们 is not 家人们. */
  private static final String SENTENCE_BREAKS = "。!?！？\n";

  private final Brand brand;
  private final BrandRules rules;
  private final List<String> bannedCompact;

  LexiconRules(Brand brand) {
    this.brand = brand;
    this.rules = brand.rules();
    this.bannedCompact = new ArrayList<>();
    for (String b : brand.bannedKeywords()) {
      bannedCompact.add(FoldedText.compact(b).text());
    }
  }

  void check(Analysis a, Findings out) {
    banned(a, out);
    exclamations(a, out);
    absolute(a, out);
    terms(a, rules.hypeTerms(), Rule.HYPE_TERM, Severity.WARNING, "夸张的网络用语", "请换成具体、克制的描述", out);
    terms(a, rules.anxietyTerms(), Rule.ANXIETY, Severity.ERROR, "贩卖焦虑的说法", "请冷静描述问题和解决方案", out);
    patterns(a, rules.anxietyPatterns(), Rule.ANXIETY, "贩卖焦虑的说法", out);
    terms(a, rules.mysteryTerms(), Rule.MYSTERY, Severity.ERROR, "神秘化、模糊的词", "请用具体成分和原理来解释", out);
  }

  private void banned(Analysis a, Findings out) {
    FoldedText c = a.compact();
    String s = c.text();
    for (int k = 0; k < bannedCompact.size(); k++) {
      String word = bannedCompact.get(k);
      if (word.isEmpty()) {
        continue;
      }
      for (int i = s.indexOf(word); i >= 0; i = s.indexOf(word, i + 1)) {
        int e = i + word.length();
        if (!TermIndex.atBoundaries(s, i, e)) {
          continue;
        }
        int start = c.start(i);
        int end = c.end(e);
        String written = a.text().substring(start, end);
        if (crossesSentence(written)) {
          continue;
        }
        String keyword = brand.bannedKeywords().get(k);
        String how =
            Folding.fold(written).equals(Folding.fold(keyword)) ? "" : "（写作“" + written + "”）";
        out.add(
            Rule.BANNED,
            Severity.ERROR,
            "禁用词“" + keyword + "”" + how + "：品牌坚决避免使用，请删除或换成平实的说法",
            start,
            end,
            written,
            keyword);
      }
    }
  }

  private static boolean crossesSentence(String written) {
    for (int i = 0; i < written.length(); i++) {
      if (SENTENCE_BREAKS.indexOf(written.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Distinct encouraged keywords in the copy, each with its first occurrence (original span), in
   * the brand's order.
   */
  Map<String, int[]> encouragedUsed(Analysis a) {
    Map<String, int[]> used = new LinkedHashMap<>();
    String s = a.folded().text();
    for (String k : brand.encouragedKeywords()) {
      int i = s.indexOf(Folding.fold(k));
      if (i >= 0) {
        int e = i + Folding.fold(k).length();
        used.put(k, new int[] {a.folded().start(i), a.folded().end(e)});
      }
    }
    return used;
  }

  void encouraged(Analysis a, Map<String, int[]> used, Findings out) {
    for (Map.Entry<String, int[]> e : used.entrySet()) {
      out.add(
          Rule.ENCOURAGED,
          Severity.INFO,
          "用到了鼓励词“" + e.getKey() + "”",
          e.getValue()[0],
          e.getValue()[1],
          a.text().substring(e.getValue()[0], e.getValue()[1]),
          e.getKey());
    }
    int min = rules.minEncouragedKeywords();
    if (used.size() < min) {
      out.whole(
          Rule.ENCOURAGED,
          Severity.WARNING,
          "鼓励词只用了"
              + used.size()
              + "个（建议至少"
              + min
              + "个），可自然融入："
              + String.join("、", brand.encouragedKeywords()));
    }
  }

  private void exclamations(Analysis a, Findings out) {
    String t = a.text();
    int seen = 0;
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      if (ch == '!' || ch == '！' || ch == '‼' || ch == '❗' || ch == '❕') {
        seen++;
        if (seen > rules.maxExclamationMarks()) {
          String limit =
              rules.maxExclamationMarks() == 0
                  ? "品牌文案不使用感叹号"
                  : "感叹号最多" + rules.maxExclamationMarks() + "个";
          out.add(
              Rule.EXCLAMATION,
              Severity.ERROR,
              "感叹号：" + limit + "，请用句号，保持冷静客观",
              i,
              i + 1,
              String.valueOf(ch),
              "!");
        }
      }
    }
  }

  private void absolute(Analysis a, Findings out) {
    for (Span s : absoluteSpans(a)) {
      out.add(
          Rule.ABSOLUTE,
          Severity.ERROR,
          "绝对化用语“" + s.term + "”：《广告法》禁止使用，请改为具体、可验证的描述",
          s.start,
          s.end,
          a.text().substring(s.start, s.end),
          s.term);
    }
  }

  record Span(String term, int start, int end) {}

  /** Absolute terms in the copy that no exception word (最近, 第一次) covers. */
  List<Span> absoluteSpans(Analysis a) {
    FoldedText f = a.folded();
    String s = f.text();
    List<int[]> excused = new ArrayList<>();
    for (String ex : rules.absoluteTermExceptions()) {
      String fe = Folding.fold(ex);
      for (int i = s.indexOf(fe); i >= 0 && !fe.isEmpty(); i = s.indexOf(fe, i + 1)) {
        excused.add(new int[] {i, i + fe.length()});
      }
    }
    List<Span> out = new ArrayList<>();
    List<int[]> taken = new ArrayList<>();
    // longer terms first so 百分百 is reported once, not also as a shorter term inside it
    List<String> terms = new ArrayList<>(rules.absoluteTerms());
    terms.sort((x, y) -> Integer.compare(y.length(), x.length()));
    for (String term : terms) {
      String ft = Folding.fold(term);
      for (int i = s.indexOf(ft); i >= 0 && !ft.isEmpty(); i = s.indexOf(ft, i + 1)) {
        int e = i + ft.length();
        if (covered(excused, i, e) || overlaps(taken, i, e) || !TermIndex.atBoundaries(s, i, e)) {
          continue;
        }
        taken.add(new int[] {i, e});
        out.add(new Span(term, f.start(i), f.end(e)));
      }
    }
    return out;
  }

  private static boolean covered(List<int[]> ranges, int s, int e) {
    for (int[] r : ranges) {
      if (r[0] <= s && e <= r[1]) {
        return true;
      }
    }
    return false;
  }

  private static boolean overlaps(List<int[]> ranges, int s, int e) {
    for (int[] r : ranges) {
      if (s < r[1] && r[0] < e) {
        return true;
      }
    }
    return false;
  }

  private static void terms(
      Analysis a,
      List<String> words,
      Rule rule,
      Severity severity,
      String what,
      String fix,
      Findings out) {
    FoldedText f = a.folded();
    String s = f.text();
    for (String w : words) {
      String fw = Folding.fold(w);
      for (int i = s.indexOf(fw); i >= 0 && !fw.isEmpty(); i = s.indexOf(fw, i + 1)) {
        int start = f.start(i);
        int end = f.end(i + fw.length());
        out.add(
            rule,
            severity,
            what + "“" + w + "”：" + fix,
            start,
            end,
            a.text().substring(start, end),
            w);
      }
    }
  }

  private static void patterns(
      Analysis a, List<Pattern> patterns, Rule rule, String what, Findings out) {
    for (Pattern p : patterns) {
      Matcher m = p.matcher(a.text());
      while (m.find()) {
        if (m.end() == m.start()) {
          continue;
        }
        out.add(
            rule,
            Severity.ERROR,
            what + "“" + m.group() + "”：请冷静描述问题和解决方案",
            m.start(),
            m.end(),
            m.group(),
            p.pattern());
      }
    }
  }
}

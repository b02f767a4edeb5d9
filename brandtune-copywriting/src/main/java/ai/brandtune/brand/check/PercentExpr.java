package ai.brandtune.brand.check;

import ai.brandtune.brand.Percent;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A percentage written in a copy ({@code 5%}, {@code 0.5 %}, {@code 百分之五}) and where it is. */
record PercentExpr(double value, int foldedStart, int foldedEnd, int start, int end, String text) {
  private static final Pattern PATTERN =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%|([百千])分之([零〇一二两三四五六七八九十百千点]+)");

  /** Every percentage in the folded text (full-width digits and ％ are folded already). */
  static List<PercentExpr> findAll(FoldedText t) {
    List<PercentExpr> out = new ArrayList<>();
    Matcher m = PATTERN.matcher(t.text());
    while (m.find()) {
      int s = m.start();
      int e = m.end();
      double value;
      if (m.group(1) != null) {
        value = Double.parseDouble(m.group(1));
      } else {
        // the numeral run may swallow a following 点 or 十 that is not part of the number
        String words = m.group(3);
        OptionalDouble v = OptionalDouble.empty();
        while (!words.isEmpty()) {
          v = Percent.chineseNumber(words);
          if (v.isPresent()) {
            break;
          }
          words = words.substring(0, words.length() - 1);
        }
        if (v.isEmpty()) {
          continue;
        }
        e = m.start(3) + words.length();
        value = m.group(2).equals("千") ? v.getAsDouble() / 10 : v.getAsDouble();
      }
      out.add(new PercentExpr(value, s, e, t.start(s), t.end(e), t.originalText(s, e)));
    }
    return out;
  }
}

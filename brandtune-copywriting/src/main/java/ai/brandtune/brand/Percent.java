package ai.brandtune.brand;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Percentages as copy writes them: {@code 5%}, {@code 5.0%}, {@code 0.5 %}, full-width {@code ５％},
 * and in words, {@code 百分之五}, {@code 百分之零点五}, {@code 百分之十二}. Values compare as numbers, so {@code
 * 5%} equals {@code 5.0%} and {@code 百分之五}.
 */
public final class Percent {
  private static final Pattern DIGITS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*[%％]");
  private static final String NUMERALS = "零〇一二两三四五六七八九";
  private static final double EPSILON = 1e-9;

  private Percent() {}

  /** The value of a whole string that is one percentage ({@code "5%"}, {@code "百分之五"}). */
  public static OptionalDouble parse(String text) {
    String t = Folding.fold(text).strip();
    Matcher m = DIGITS.matcher(t);
    if (m.matches()) {
      return OptionalDouble.of(Double.parseDouble(m.group(1)));
    }
    if (t.startsWith("百分之")) {
      return chineseNumber(t.substring(3));
    }
    if (t.startsWith("千分之")) {
      OptionalDouble v = chineseNumber(t.substring(3));
      return v.isPresent() ? OptionalDouble.of(v.getAsDouble() / 10) : v;
    }
    return OptionalDouble.empty();
  }

  public static boolean same(double a, double b) {
    return Math.abs(a - b) < EPSILON * Math.max(1, Math.abs(a));
  }

  /**
   * A number written in Chinese numerals, with an optional decimal part after 点: 五, 十二, 二十, 一百,
   * 零点五, 两点五. Empty when the text is not such a number.
   */
  public static OptionalDouble chineseNumber(String text) {
    if (text.isEmpty()) {
      return OptionalDouble.empty();
    }
    int dot = text.indexOf('点');
    String whole = dot < 0 ? text : text.substring(0, dot);
    String fraction = dot < 0 ? "" : text.substring(dot + 1);
    if (dot >= 0 && fraction.isEmpty()) {
      return OptionalDouble.empty();
    }
    Long w = wholeNumber(whole);
    if (w == null) {
      return OptionalDouble.empty();
    }
    double value = w;
    double scale = 0.1;
    for (int i = 0; i < fraction.length(); i++) {
      int d = digit(fraction.charAt(i));
      if (d < 0) {
        return OptionalDouble.empty();
      }
      value += d * scale;
      scale /= 10;
    }
    return OptionalDouble.of(value);
  }

  // 0-9999 with 十/百/千 multipliers; "十二" = 12, "二十" = 20, "一百零五" = 105
  private static Long wholeNumber(String s) {
    if (s.isEmpty()) {
      return null;
    }
    long total = 0;
    long pending = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int d = digit(c);
      if (d >= 0) {
        pending = d;
        continue;
      }
      long unit =
          switch (c) {
            case '十' -> 10;
            case '百' -> 100;
            case '千' -> 1000;
            default -> -1;
          };
      if (unit < 0) {
        return null;
      }
      total += (pending < 0 ? 1 : pending) * unit;
      pending = -1;
    }
    if (pending >= 0) {
      total += pending;
    }
    return total;
  }

  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    int i = NUMERALS.indexOf(c);
    if (i < 0) {
      return -1;
    }
    // 零 and 〇 are 0, 一 is 1, 两 and 二 are 2, then 三 ... 九
    return switch (i) {
      case 0, 1 -> 0;
      case 2 -> 1;
      case 3, 4 -> 2;
      default -> i - 2;
    };
  }
}

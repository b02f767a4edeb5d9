package ai.brandtune.text.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Python {@code str} semantics on Java strings. Python indexes strings by code point while Java
 * uses UTF-16 units, so everything that counts or cuts works on code points.
 */
final class PyStrings {

  private PyStrings() {}

  /** Python's {@code str.isspace()} for one code point (also what {@code re}'s {@code \s} uses). */
  static boolean isSpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0d)
        || (cp >= 0x1c && cp <= 0x20)
        || cp == 0x85
        || cp == 0xa0
        || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200a)
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0x202f
        || cp == 0x205f
        || cp == 0x3000;
  }

  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  static int[] codePoints(String s) {
    return s.codePoints().toArray();
  }

  static String fromCodePoints(int[] cps, int from, int to) {
    return new String(cps, from, Math.max(0, to - from));
  }

  // ---- stripping ----

  static String strip(String s, String chars) {
    return rstrip(lstrip(s, chars), chars);
  }

  static String lstrip(String s, String chars) {
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (!stripped(cp, chars)) {
        break;
      }
      i += Character.charCount(cp);
    }
    return s.substring(i);
  }

  static String rstrip(String s, String chars) {
    int end = s.length();
    while (end > 0) {
      int cp = s.codePointBefore(end);
      if (!stripped(cp, chars)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  private static boolean stripped(int cp, String chars) {
    return chars == null ? isSpace(cp) : chars.indexOf(Character.toString(cp)) >= 0;
  }

  // ---- splitting ----

  static List<Object> split(String s, String sep, long maxsplit) {
    if (sep == null) {
      return splitWhitespace(s, maxsplit);
    }
    if (sep.isEmpty()) {
      throw PyException.valueError("empty separator");
    }
    List<Object> parts = new ArrayList<>();
    int start = 0;
    long splits = 0;
    while (maxsplit < 0 || splits < maxsplit) {
      int at = s.indexOf(sep, start);
      if (at < 0) {
        break;
      }
      parts.add(s.substring(start, at));
      start = at + sep.length();
      splits++;
    }
    parts.add(s.substring(start));
    return parts;
  }

  private static List<Object> splitWhitespace(String s, long maxsplit) {
    int[] cps = codePoints(s);
    List<Object> parts = new ArrayList<>();
    int i = 0;
    int n = cps.length;
    long left = maxsplit < 0 ? Long.MAX_VALUE : maxsplit;
    while (i < n) {
      while (i < n && isSpace(cps[i])) {
        i++;
      }
      if (i == n) {
        break;
      }
      if (left-- == 0) {
        parts.add(fromCodePoints(cps, i, n));
        return parts;
      }
      int j = i;
      while (j < n && !isSpace(cps[j])) {
        j++;
      }
      parts.add(fromCodePoints(cps, i, j));
      i = j;
    }
    return parts;
  }

  static List<Object> rsplit(String s, String sep, long maxsplit) {
    if (sep == null) {
      return rsplitWhitespace(s, maxsplit);
    }
    if (sep.isEmpty()) {
      throw PyException.valueError("empty separator");
    }
    List<Object> parts = new ArrayList<>();
    int end = s.length();
    long splits = 0;
    while (maxsplit < 0 || splits < maxsplit) {
      int at = end - sep.length() < 0 ? -1 : s.lastIndexOf(sep, end - sep.length());
      if (at < 0) {
        break;
      }
      parts.add(0, s.substring(at + sep.length(), end));
      end = at;
      splits++;
    }
    parts.add(0, s.substring(0, end));
    return parts;
  }

  private static List<Object> rsplitWhitespace(String s, long maxsplit) {
    int[] cps = codePoints(s);
    List<Object> parts = new ArrayList<>();
    int i = cps.length;
    long left = maxsplit < 0 ? Long.MAX_VALUE : maxsplit;
    while (i > 0) {
      while (i > 0 && isSpace(cps[i - 1])) {
        i--;
      }
      if (i == 0) {
        break;
      }
      if (left-- == 0) {
        parts.add(0, fromCodePoints(cps, 0, i));
        return parts;
      }
      int j = i;
      while (j > 0 && !isSpace(cps[j - 1])) {
        j--;
      }
      parts.add(0, fromCodePoints(cps, j, i));
      i = j;
    }
    return parts;
  }

  static List<Object> splitlines(String s, boolean keepends) {
    List<Object> lines = new ArrayList<>();
    int[] cps = codePoints(s);
    int start = 0;
    int i = 0;
    while (i < cps.length) {
      int cp = cps[i];
      int eol = i;
      if (cp == '\r' && i + 1 < cps.length && cps[i + 1] == '\n') {
        i += 2;
      } else if (isLineBreak(cp)) {
        i += 1;
      } else {
        i++;
        continue;
      }
      lines.add(fromCodePoints(cps, start, keepends ? i : eol));
      start = i;
    }
    if (start < cps.length) {
      lines.add(fromCodePoints(cps, start, cps.length));
    }
    return lines;
  }

  private static boolean isLineBreak(int cp) {
    return cp == '\n'
        || cp == '\r'
        || cp == 0x0b
        || cp == 0x0c
        || (cp >= 0x1c && cp <= 0x1e)
        || cp == 0x85
        || cp == 0x2028
        || cp == 0x2029;
  }

  // ---- case ----

  static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static boolean isCased(int cp) {
    return Character.isUpperCase(cp) || Character.isLowerCase(cp) || Character.isTitleCase(cp);
  }

  /** Python's {@code str.title()}: a letter after a cased letter is lowered, others title-cased. */
  static String title(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean previousCased = false;
    for (int cp : codePoints(s)) {
      if (previousCased) {
        out.append(Character.toString(cp).toLowerCase(Locale.ROOT));
      } else {
        out.appendCodePoint(Character.toTitleCase(cp));
      }
      previousCased = isCased(cp);
    }
    return out.toString();
  }

  static String capitalize(String s) {
    if (s.isEmpty()) {
      return s;
    }
    int first = s.codePointAt(0);
    return new StringBuilder()
        .appendCodePoint(Character.toTitleCase(first))
        .append(s.substring(Character.charCount(first)).toLowerCase(Locale.ROOT))
        .toString();
  }

  static String swapcase(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int cp : codePoints(s)) {
      String c = Character.toString(cp);
      if (Character.isUpperCase(cp)) {
        out.append(c.toLowerCase(Locale.ROOT));
      } else if (Character.isLowerCase(cp)) {
        out.append(c.toUpperCase(Locale.ROOT));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static boolean isLower(String s) {
    boolean cased = false;
    for (int cp : codePoints(s)) {
      if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
        return false;
      }
      cased |= Character.isLowerCase(cp);
    }
    return cased;
  }

  static boolean isUpper(String s) {
    boolean cased = false;
    for (int cp : codePoints(s)) {
      if (Character.isLowerCase(cp) || Character.isTitleCase(cp)) {
        return false;
      }
      cased |= Character.isUpperCase(cp);
    }
    return cased;
  }

  static boolean all(String s, IntPredicate test) {
    return !s.isEmpty() && s.codePoints().allMatch(test);
  }

  // ---- searching ----

  /** CPython's ADJUST_INDICES: negative bounds count from the end; start is not capped. */
  static long[] bounds(int length, Long start, Long end) {
    long from = start == null ? 0 : start;
    long to = end == null ? length : end;
    if (to > length) {
      to = length;
    } else if (to < 0) {
      to = Math.max(0, to + length);
    }
    if (from < 0) {
      from = Math.max(0, from + length);
    }
    return new long[] {from, to};
  }

  static long find(String s, String sub, Long start, Long end, boolean fromRight) {
    int[] cps = codePoints(s);
    int[] subCps = codePoints(sub);
    long[] range = bounds(cps.length, start, end);
    if (range[1] - range[0] < subCps.length) {
      return -1;
    }
    if (fromRight) {
      for (long i = range[1] - subCps.length; i >= range[0]; i--) {
        if (matchesAt(cps, subCps, (int) i)) {
          return i;
        }
      }
    } else {
      for (long i = range[0]; i + subCps.length <= range[1]; i++) {
        if (matchesAt(cps, subCps, (int) i)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Python's {@code str.startswith}/{@code endswith} for one candidate. */
  static boolean tailMatch(String s, String sub, Long start, Long end, boolean atEnd) {
    int[] cps = codePoints(s);
    int[] subCps = codePoints(sub);
    long[] range = bounds(cps.length, start, end);
    if (range[1] - range[0] < subCps.length || range[0] > cps.length) {
      return false;
    }
    long at = atEnd ? range[1] - subCps.length : range[0];
    return matchesAt(cps, subCps, (int) at);
  }

  private static boolean matchesAt(int[] cps, int[] sub, int at) {
    for (int k = 0; k < sub.length; k++) {
      if (cps[at + k] != sub[k]) {
        return false;
      }
    }
    return true;
  }

  static long count(String s, String sub, Long start, Long end) {
    int[] cps = codePoints(s);
    int[] subCps = codePoints(sub);
    long[] range = bounds(cps.length, start, end);
    if (range[1] - range[0] < subCps.length) {
      return 0;
    }
    if (subCps.length == 0) {
      return range[1] - range[0] + 1;
    }
    long n = 0;
    for (long i = range[0]; i + subCps.length <= range[1]; ) {
      if (matchesAt(cps, subCps, (int) i)) {
        n++;
        i += subCps.length;
      } else {
        i++;
      }
    }
    return n;
  }

  static String replace(String s, String old, String replacement, long count) {
    if (count < 0) {
      count = Long.MAX_VALUE;
    }
    StringBuilder out = new StringBuilder();
    if (old.isEmpty()) {
      int[] cps = codePoints(s);
      long done = 0;
      for (int cp : cps) {
        if (done < count) {
          out.append(replacement);
          done++;
        }
        out.appendCodePoint(cp);
      }
      if (done < count) {
        out.append(replacement);
      }
      return out.toString();
    }
    int from = 0;
    long done = 0;
    while (done < count) {
      int at = s.indexOf(old, from);
      if (at < 0) {
        break;
      }
      out.append(s, from, at).append(replacement);
      from = at + old.length();
      done++;
    }
    return out.append(s.substring(from)).toString();
  }

  // ---- padding ----

  static String center(String s, long width, String fill) {
    long marg = width - length(s);
    if (marg <= 0) {
      return s;
    }
    long left = marg / 2 + (marg & width & 1);
    return fill.repeat((int) left) + s + fill.repeat((int) (marg - left));
  }

  static String ljust(String s, long width, String fill) {
    long marg = width - length(s);
    return marg <= 0 ? s : s + fill.repeat((int) marg);
  }

  static String rjust(String s, long width, String fill) {
    long marg = width - length(s);
    return marg <= 0 ? s : fill.repeat((int) marg) + s;
  }

  static String zfill(String s, long width) {
    long marg = width - length(s);
    if (marg <= 0) {
      return s;
    }
    String zeros = "0".repeat((int) marg);
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      return s.charAt(0) + zeros + s.substring(1);
    }
    return zeros + s;
  }

  // ---- repr ----

  /** Python's {@code repr(str)}: single quotes unless the text holds only single quotes. */
  static String repr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
    s.codePoints()
        .forEach(
            cp -> {
              if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
              } else if (cp == '\t') {
                out.append("\\t");
              } else if (cp == '\n') {
                out.append("\\n");
              } else if (cp == '\r') {
                out.append("\\r");
              } else if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
              } else if (cp < 0x7f || isPrintable(cp)) {
                out.appendCodePoint(cp);
              } else if (cp <= 0xff) {
                out.append(String.format("\\x%02x", cp));
              } else if (cp <= 0xffff) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.append(String.format("\\U%08x", cp));
              }
            });
    return out.append(quote).toString();
  }

  private static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR ->
          false;
      default -> true;
    };
  }
}

package ai.brandtune.brand.check;

import ai.brandtune.brand.Folding;

/**
 * A copy folded for matching ({@link Folding}: NFKC, lower case), optionally compacted (separators
 * such as spaces, punctuation, symbols and zero-width characters dropped, so {@code 神 器}, {@code
 * 神*器} and {@code 神\u200b器} read {@code 神器}), with a map from every folded character back to the
 * original span, so findings point at the text the user wrote.
 */
final class FoldedText {
  private final String original;
  private final String folded;
  private final int[] from; // original start of the code point that produced folded char i
  private final int[] to; // original end of that code point

  private FoldedText(String original, String folded, int[] from, int[] to) {
    this.original = original;
    this.folded = folded;
    this.from = from;
    this.to = to;
  }

  static FoldedText fold(String text) {
    return build(text, false);
  }

  static FoldedText compact(String text) {
    return build(text, true);
  }

  private static FoldedText build(String text, boolean compact) {
    StringBuilder sb = new StringBuilder(text.length());
    int[] from = new int[text.length() * 2 + 4];
    int[] to = new int[text.length() * 2 + 4];
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      String f = Folding.foldCodePoint(cp);
      for (int j = 0; j < f.length(); j++) {
        char c = f.charAt(j);
        if (compact && isSeparator(c)) {
          continue;
        }
        if (n == from.length) {
          from = java.util.Arrays.copyOf(from, n * 2);
          to = java.util.Arrays.copyOf(to, n * 2);
        }
        sb.append(c);
        from[n] = i;
        to[n] = next;
        n++;
      }
      i = next;
    }
    return new FoldedText(text, sb.toString(), from, to);
  }

  /** Characters that obfuscation puts inside a word and that carry no letter of their own. */
  static boolean isSeparator(char c) {
    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.FORMAT,
          Character.CONTROL,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL,
          Character.SURROGATE ->
          true;
      default -> false;
    };
  }

  String original() {
    return original;
  }

  /** The folded (and maybe compacted) text to search in. */
  String text() {
    return folded;
  }

  int length() {
    return folded.length();
  }

  /** Original start of the folded span starting at {@code i}. */
  int start(int i) {
    return i >= folded.length() ? original.length() : from[i];
  }

  /** Original end of the folded span ending at {@code end} (exclusive). */
  int end(int end) {
    return end <= 0 ? 0 : to[end - 1];
  }

  /** The original text behind the folded span [{@code s}, {@code e}). */
  String originalText(int s, int e) {
    return e <= s ? "" : original.substring(start(s), end(e));
  }
}

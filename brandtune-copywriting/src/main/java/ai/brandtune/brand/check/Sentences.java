package ai.brandtune.brand.check;

import java.util.ArrayList;
import java.util.List;

/** Splits copy into sentences and lines, keeping original offsets. */
final class Sentences {
  private static final String ENDS = "。！？!?；;…\n";

  private Sentences() {}

  /** A piece of the copy: [start, end) in the original, with surrounding whitespace trimmed. */
  record Piece(int start, int end, String text) {}

  /** Non-blank sentences; a sentence ends at 。！？!?；;… or a line break (the mark stays with it). */
  static List<Piece> sentences(String text) {
    List<Piece> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (ENDS.indexOf(text.charAt(i)) >= 0) {
        int end = i + 1;
        // closing quotes and repeated marks belong to the sentence they end
        while (end < text.length() && "”’」』）)。！？!?…".indexOf(text.charAt(end)) >= 0) {
          end++;
        }
        add(out, text, start, end);
        start = end;
        i = end - 1;
      }
    }
    add(out, text, start, text.length());
    return out;
  }

  /** Non-blank lines. */
  static List<Piece> lines(String text) {
    List<Piece> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        add(out, text, start, i);
        start = i + 1;
      }
    }
    return out;
  }

  private static void add(List<Piece> out, String text, int s, int e) {
    while (s < e && Character.isWhitespace(text.charAt(s))) {
      s++;
    }
    while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
      e--;
    }
    if (e > s) {
      out.add(new Piece(s, e, text.substring(s, e)));
    }
  }

  /** Code points that are not whitespace: the length unit of content types. */
  static int visibleLength(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
        n++;
      }
      i += Character.charCount(cp);
    }
    return n;
  }
}

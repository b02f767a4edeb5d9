package ai.brandtune.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sentence and line helpers for rewriting copy: the pieces keep their offsets so a rewrite can
 * splice text in place. A sentence ends at 。！？!?；;… or a line break, as the brand checker counts
 * them.
 */
final class CopyText {
  private static final String ENDS = "。！？!?；;…\n";
  private static final String TRAILING = "”’」』）)。！？!?…";
  static final Pattern TITLE_LINE = Pattern.compile("^标题[:：].*$");
  static final Pattern HASHTAG = Pattern.compile("[#＃][^\\s#＃]+");
  static final Pattern HEADING_LINE = Pattern.compile("^【[^】\\n]+】$");

  private CopyText() {}

  /** A piece of text: [start, end) in the original, whitespace-trimmed. */
  record Piece(int start, int end, String text) {}

  static List<Piece> sentences(String text) {
    return sentences(text, 0, text.length());
  }

  /** Non-blank sentences of text[from, to). */
  static List<Piece> sentences(String text, int from, int to) {
    List<Piece> out = new ArrayList<>();
    int start = from;
    for (int i = from; i < to; i++) {
      if (ENDS.indexOf(text.charAt(i)) >= 0) {
        int end = i + 1;
        while (end < to && TRAILING.indexOf(text.charAt(end)) >= 0) {
          end++;
        }
        add(out, text, start, end);
        start = end;
        i = end - 1;
      }
    }
    add(out, text, start, to);
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

  static boolean isTitle(Piece line) {
    return TITLE_LINE.matcher(line.text()).matches();
  }

  static boolean isHeading(Piece line) {
    return HEADING_LINE.matcher(line.text()).matches();
  }

  /** A line made of hashtags only. */
  static boolean isHashtagLine(Piece line) {
    String rest = HASHTAG.matcher(line.text()).replaceAll("").strip();
    return rest.isEmpty() && HASHTAG.matcher(line.text()).find();
  }

  /** Lines of running text: not the title, not a hashtag line, not a 【heading】. */
  static List<Piece> bodyLines(String text) {
    List<Piece> out = new ArrayList<>();
    for (Piece l : lines(text)) {
      if (!isTitle(l) && !isHashtagLine(l) && !isHeading(l)) {
        out.add(l);
      }
    }
    return out;
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

  /** Whitespace-insensitive equality, for "the variant differs from the chosen copy". */
  static boolean sameText(String a, String b) {
    return a.replaceAll("\\s+", "").equals(b.replaceAll("\\s+", ""));
  }

  static String splice(String text, int start, int end, String replacement) {
    return text.substring(0, start) + replacement + text.substring(end);
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
}

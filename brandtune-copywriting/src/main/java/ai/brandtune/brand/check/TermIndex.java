package ai.brandtune.brand.check;

import ai.brandtune.brand.Folding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds dictionary terms (names and aliases) in folded text, longest match first and without
 * overlaps, so {@code 透明质酸钠} is one mention and not {@code 透明质酸} plus a tail. Terms that begin or
 * end with an ASCII letter or digit only match at word boundaries ({@code VC} is not in {@code
 * VCR}).
 */
final class TermIndex {
  private record Term(String folded, String canonical) {}

  private final Map<Character, List<Term>> byFirstChar = new HashMap<>();

  /** Adds a canonical name and its aliases. */
  void add(String canonical, List<String> aliases) {
    put(canonical, canonical);
    for (String a : aliases) {
      put(a, canonical);
    }
  }

  private void put(String term, String canonical) {
    String f = Folding.fold(term);
    if (f.isEmpty()) {
      return;
    }
    List<Term> list = byFirstChar.computeIfAbsent(f.charAt(0), k -> new ArrayList<>());
    list.add(new Term(f, canonical));
    list.sort(Comparator.comparingInt((Term t) -> t.folded().length()).reversed());
  }

  /**
   * All mentions in {@code text}, left to right. Positions inside {@code masked} (folded ranges,
   * pairs of start and end) are skipped: product names are names, not claims.
   */
  List<Mention> find(FoldedText text, List<int[]> masked) {
    String s = text.text();
    List<Mention> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int maskEnd = maskedUntil(masked, i);
      if (maskEnd > i) {
        i = maskEnd;
        continue;
      }
      Term hit = longestAt(s, i);
      if (hit == null) {
        i++;
        continue;
      }
      int end = i + hit.folded().length();
      if (overlapsMask(masked, i, end)) {
        i++;
        continue;
      }
      out.add(
          new Mention(
              hit.canonical(), i, end, text.start(i), text.end(end), text.originalText(i, end)));
      i = end;
    }
    return out;
  }

  private Term longestAt(String s, int i) {
    List<Term> candidates = byFirstChar.get(s.charAt(i));
    if (candidates == null) {
      return null;
    }
    for (Term t : candidates) {
      if (s.startsWith(t.folded(), i) && atBoundaries(s, i, i + t.folded().length())) {
        return t;
      }
    }
    return null;
  }

  static boolean atBoundaries(String s, int start, int end) {
    if (isAsciiWord(s.charAt(start)) && start > 0 && isAsciiWord(s.charAt(start - 1))) {
      return false;
    }
    return !(isAsciiWord(s.charAt(end - 1)) && end < s.length() && isAsciiWord(s.charAt(end)));
  }

  private static boolean isAsciiWord(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  }

  private static int maskedUntil(List<int[]> masked, int i) {
    for (int[] m : masked) {
      if (i >= m[0] && i < m[1]) {
        return m[1];
      }
    }
    return i;
  }

  private static boolean overlapsMask(List<int[]> masked, int s, int e) {
    for (int[] m : masked) {
      if (s < m[1] && m[0] < e) {
        return true;
      }
    }
    return false;
  }
}

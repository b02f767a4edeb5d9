package ai.brandtune.synth;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.Effect;
import ai.brandtune.brand.Ingredient;
import ai.brandtune.brand.Product;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the kit's names occur in a copy: product names, the brand name, ingredients and effects
 * (names and aliases), longest first and without overlaps, as the checker reads them. Rewrites use
 * it to leave names alone and to find the mentions they may swap.
 */
final class TermSpans {
  enum Kind {
    PRODUCT,
    BRAND,
    INGREDIENT,
    EFFECT
  }

  /** One occurrence: [start, end), the words, their kind and canonical name. */
  record Span(int start, int end, String term, Kind kind, String canonical) {}

  private record Term(String text, Kind kind, String canonical) {}

  private final List<Term> terms;

  TermSpans(BrandKit kit) {
    Map<String, Term> byText = new LinkedHashMap<>();
    for (Product p : kit.products()) {
      byText.putIfAbsent(p.name(), new Term(p.name(), Kind.PRODUCT, p.name()));
    }
    byText.putIfAbsent(
        kit.brand().name(), new Term(kit.brand().name(), Kind.BRAND, kit.brand().name()));
    for (Ingredient i : kit.ingredients()) {
      byText.putIfAbsent(i.name(), new Term(i.name(), Kind.INGREDIENT, i.name()));
      for (String a : i.aliases()) {
        byText.putIfAbsent(a, new Term(a, Kind.INGREDIENT, i.name()));
      }
    }
    for (Effect e : kit.effects()) {
      byText.putIfAbsent(e.name(), new Term(e.name(), Kind.EFFECT, e.name()));
      for (String a : e.aliases()) {
        byText.putIfAbsent(a, new Term(a, Kind.EFFECT, e.name()));
      }
    }
    List<Term> sorted = new ArrayList<>(byText.values());
    // product and brand names win over the ingredient they contain, then longer words win
    sorted.sort(
        Comparator.comparingInt((Term t) -> t.kind().ordinal() <= 1 ? 0 : 1)
            .thenComparing(Comparator.comparingInt((Term t) -> t.text().length()).reversed()));
    this.terms = List.copyOf(sorted);
  }

  List<Span> find(String text) {
    List<Span> out = new ArrayList<>();
    for (Term t : terms) {
      for (int i = text.indexOf(t.text()); i >= 0; i = text.indexOf(t.text(), i + 1)) {
        int e = i + t.text().length();
        boolean free = true;
        for (Span s : out) {
          if (i < s.end() && s.start() < e) {
            free = false;
            break;
          }
        }
        if (free && boundaries(text, i, e, t.text())) {
          out.add(new Span(i, e, t.text(), t.kind(), t.canonical()));
        }
      }
    }
    out.sort(Comparator.comparingInt(Span::start));
    return out;
  }

  /** Whether [start, end) lies inside a span of one of the kinds. */
  static boolean inside(List<Span> spans, int start, int end, Kind... kinds) {
    for (Span s : spans) {
      if (s.start() < end && start < s.end()) {
        for (Kind k : kinds) {
          if (s.kind() == k) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** ASCII words (VC, Niacinamide) match only at word boundaries, as in the checker. */
  private static boolean boundaries(String text, int start, int end, String term) {
    if (isAsciiWord(term.charAt(0)) && start > 0 && isAsciiWord(text.charAt(start - 1))) {
      return false;
    }
    return !(isAsciiWord(term.charAt(term.length() - 1))
        && end < text.length()
        && isAsciiWord(text.charAt(end)));
  }

  private static boolean isAsciiWord(char c) {
    return c < 128 && Character.isLetterOrDigit(c);
  }
}

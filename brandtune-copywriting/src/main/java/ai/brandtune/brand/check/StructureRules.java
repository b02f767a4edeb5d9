package ai.brandtune.brand.check;

import ai.brandtune.brand.BrandRules;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Folding;
import ai.brandtune.brand.Product;
import java.util.ArrayList;
import java.util.List;

/**
 * Framework heuristics (PAS, BAB, FAB, CTA, ...): each structure element of the content type that
 * has cues must be found, in order. A cue is a word or one of the placeholders {@code {product}},
 * {@code {ingredient}} (one of the product's own ingredients), {@code {effect}} (one of its
 * effects), {@code {concentration}}, {@code {question}} (a question mark) and {@code {cta}}.
 * Findings are warnings: the cues are evidence of a structure, not proof.
 */
final class StructureRules {
  private final BrandRules rules;

  StructureRules(BrandRules rules) {
    this.rules = rules;
  }

  void check(Analysis a, Findings out) {
    List<ContentType.StructureElement> elements = a.type().structure();
    int cursor = 0;
    String previous = null;
    for (ContentType.StructureElement e : elements) {
      if (e.cues().isEmpty()) {
        continue;
      }
      List<Integer> at = positions(a, e.cues());
      if (at == null) {
        continue; // needs a product and there is none
      }
      if (at.isEmpty()) {
        out.whole(
            Rule.STRUCTURE,
            Severity.WARNING,
            a.type().name() + "结构：没有找到“" + e.name() + "”部分（" + e.description() + "）");
        continue;
      }
      int next = -1;
      for (int p : at) {
        if (p >= cursor) {
          next = p;
          break;
        }
      }
      if (next < 0) {
        out.whole(
            Rule.STRUCTURE,
            Severity.WARNING,
            a.type().name() + "结构：“" + e.name() + "”应出现在“" + previous + "”之后");
        continue;
      }
      cursor = next;
      previous = e.name();
    }
  }

  /** Sorted folded positions where any cue occurs; null when a cue needs a missing product. */
  private List<Integer> positions(Analysis a, List<String> cues) {
    String s = a.folded().text();
    Product product = a.product();
    List<Integer> out = new ArrayList<>();
    for (String cue : cues) {
      switch (cue) {
        case "{product}" -> {
          if (product == null) {
            return null;
          }
          for (int[] r : a.ownName()) {
            out.add(r[0]);
          }
        }
        case "{ingredient}" -> {
          if (product == null) {
            return null;
          }
          for (Mention m : a.ingredients()) {
            if (product.ingredient(m.canonical()) != null) {
              out.add(m.foldedStart());
            }
          }
        }
        case "{effect}" -> {
          if (product == null) {
            return null;
          }
          for (Mention m : a.effects()) {
            if (product.hasEffect(m.canonical())) {
              out.add(m.foldedStart());
            }
          }
        }
        case "{concentration}" -> a.percents().forEach(p -> out.add(p.foldedStart()));
        case "{question}" -> {
          for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '?') {
              out.add(i);
            }
          }
        }
        case "{cta}" -> rules.ctaPhrases().forEach(c -> addAll(s, Folding.fold(c), out));
        default -> addAll(s, Folding.fold(cue), out);
      }
    }
    out.sort(Integer::compare);
    return out;
  }

  private static void addAll(String s, String word, List<Integer> out) {
    for (int i = s.indexOf(word); i >= 0 && !word.isEmpty(); i = s.indexOf(word, i + 1)) {
      out.add(i);
    }
  }
}

package ai.brandtune.brand.check;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Effect;
import ai.brandtune.brand.Folding;
import ai.brandtune.brand.Ingredient;
import ai.brandtune.brand.Product;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a copy against the brand kit's rules for one product and content type, and scores it.
 * Thread-safe and cheap to call; build one per kit and reuse it (GRPO rewards call it per sample).
 *
 * <pre>{@code
 * BrandChecker checker = new BrandChecker(kit);
 * CheckResult r = checker.check(text, "P001", "paid_ad_pas");
 * double reward = r.score().total();          // in [0, 1]
 * for (Finding f : r.findings()) { ... f.rule().id(), f.start(), f.end(), f.subject() ... }
 * }</pre>
 */
public final class BrandChecker {
  private final BrandKit kit;
  private final TermIndex ingredients = new TermIndex();
  private final TermIndex effects = new TermIndex();
  private final List<String> productNames;
  private final LexiconRules lexicon;
  private final FormatRules format;
  private final StructureRules structure;
  private final FactRules facts = new FactRules();

  public BrandChecker(BrandKit kit) {
    this.kit = kit;
    for (Ingredient i : kit.ingredients()) {
      ingredients.add(i.name(), i.aliases());
    }
    for (Effect e : kit.effects()) {
      effects.add(e.name(), e.aliases());
    }
    List<String> names = new ArrayList<>();
    for (Product p : kit.products()) {
      names.add(Folding.fold(p.name()));
    }
    names.sort(Comparator.comparingInt(String::length).reversed());
    this.productNames = List.copyOf(names);
    this.lexicon = new LexiconRules(kit.brand());
    this.format = new FormatRules(kit.brand().rules());
    this.structure = new StructureRules(kit.brand().rules());
  }

  public BrandKit kit() {
    return kit;
  }

  /** Checks a copy for a catalog product and content type, both by id (user errors if unknown). */
  public CheckResult check(String text, String productId, String contentTypeId) {
    return check(text, kit.requireProduct(productId), kit.requireContentType(contentTypeId));
  }

  /**
   * Checks a copy. {@code product} may be null (free text not about one product): then the fact,
   * product-name and product-based structure rules are skipped.
   */
  public CheckResult check(String text, Product product, ContentType type) {
    Analysis a = analyze(text, product, type);
    Findings out = new Findings();
    lexicon.check(a, out);
    Map<String, int[]> encouraged = lexicon.encouragedUsed(a);
    lexicon.encouraged(a, encouraged, out);
    format.check(a, product == null ? null : product.name(), out);
    structure.check(a, out);
    if (product != null) {
      List<int[]> absolute = new ArrayList<>();
      for (LexiconRules.Span s : lexicon.absoluteSpans(a)) {
        absolute.add(new int[] {s.start(), s.end()});
      }
      facts.check(a, supportedIngredients(product), supportedEffects(product), absolute, out);
    }
    List<Finding> findings = out.sorted();
    int length = Sentences.visibleLength(text);
    Score score =
        Scoring.score(
            findings,
            length,
            type.length(),
            encouraged.size(),
            kit.brand().rules().minEncouragedKeywords(),
            kit.brand().rules().scoreWeights());
    return new CheckResult(findings, length, score);
  }

  private Analysis analyze(String text, Product product, ContentType type) {
    FoldedText folded = FoldedText.fold(text);
    FoldedText compact = FoldedText.compact(text);
    List<int[]> names = occurrences(folded.text(), productNames);
    List<int[]> own =
        product == null
            ? List.of()
            : occurrences(folded.text(), List.of(Folding.fold(product.name())));
    List<Mention> ingredientMentions = ingredients.find(folded, names);
    List<Mention> effectMentions = effects.find(folded, names);
    return new Analysis(
        text,
        folded,
        compact,
        product,
        type,
        own,
        ingredientMentions,
        effectMentions,
        PercentExpr.findAll(folded));
  }

  /** Folded ranges of the given names, longest first, without overlaps. */
  private static List<int[]> occurrences(String s, List<String> names) {
    List<int[]> out = new ArrayList<>();
    for (String n : names) {
      for (int i = s.indexOf(n); i >= 0 && !n.isEmpty(); i = s.indexOf(n, i + 1)) {
        int e = i + n.length();
        boolean free = true;
        for (int[] r : out) {
          if (i < r[1] && r[0] < e) {
            free = false;
            break;
          }
        }
        if (free) {
          out.add(new int[] {i, e});
        }
      }
    }
    out.sort(Comparator.comparingInt(r -> r[0]));
    return out;
  }

  /** Ingredients the product's own catalog text names (a caution may name one to avoid). */
  private Set<String> supportedIngredients(Product p) {
    Set<String> out = new HashSet<>();
    for (Mention m : ingredients.find(FoldedText.fold(catalogText(p)), List.of())) {
      out.add(m.canonical());
    }
    return out;
  }

  private Set<String> supportedEffects(Product p) {
    Set<String> out = new HashSet<>();
    for (Mention m : effects.find(FoldedText.fold(catalogText(p)), List.of())) {
      out.add(m.canonical());
    }
    return out;
  }

  private static String catalogText(Product p) {
    return String.join(
        "\n",
        p.usage(),
        p.texture(),
        String.join("、", p.cautions()),
        String.join("、", p.skinTypes()));
  }
}

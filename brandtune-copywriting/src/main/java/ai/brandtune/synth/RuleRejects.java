package ai.brandtune.synth;

import ai.brandtune.brand.Brand;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.Channel;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Product;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline rejected-variant generators, each rewriting the chosen copy by rule with choices
 * drawn from a seeded stream:
 *
 * <ul>
 *   <li>weak: keeps the plain sentences (drops persona and story sentences, questions, the call to
 *       action, the title, headings and hashtags), flattens the brand's vocabulary into generic
 *       words and frames the rest with a generic opener and closer, as one paragraph;
 *   <li>exaggerated: puts hype sentences built from the brand's banned, hype, absolute and anxiety
 *       words at the start and in the middle, and turns full stops into exclamation marks;
 *   <li>fabricated: one or two false facts: a catalog concentration changed, an ingredient the
 *       product lacks swapped in (or added), an effect it lacks claimed, or a wrong SPF.
 * </ul>
 *
 * A generator returns null when it cannot apply (nothing to work with); its output is checked by
 * {@link RejectVerifier} like a teacher's.
 */
final class RuleRejects {
  private static final Pattern LIST_MARK = Pattern.compile("^(\\d+[.、．)](?!\\d)|[-•·*])\\s*");
  private static final Pattern SPF = Pattern.compile("(?i)SPF\\s*(\\d+)");
  private static final String END_MARKS = "。！？!?；;…";
  private static final String NOUN_SUFFIX = "剂霜乳水油膏露品类力值";

  /** A variant and the false facts it plants (fabricated only). */
  record Variant(String text, List<String> facts, String note) {}

  private final BrandKit kit;
  private final Brand brand;
  private final OfflineRules rules;
  private final TermSpans spans;

  RuleRejects(BrandKit kit, OfflineRules rules) {
    this.kit = kit;
    this.brand = kit.brand();
    this.rules = rules;
    this.spans = new TermSpans(kit);
  }

  Variant generate(
      RejectType type, String chosen, Product p, ContentType t, SplittableRandom random) {
    return switch (type) {
      case WEAK -> weak(chosen, p, t, random);
      case EXAGGERATED -> exaggerated(chosen, p, t, random);
      case FABRICATED -> fabricated(chosen, p, t, random);
    };
  }

  // ---- weak

  Variant weak(String chosen, Product p, ContentType t, SplittableRandom random) {
    List<String> all = new ArrayList<>();
    for (CopyText.Piece line : CopyText.bodyLines(chosen)) {
      String l = LIST_MARK.matcher(line.text()).replaceFirst("");
      for (CopyText.Piece s : CopyText.sentences(l)) {
        all.add(s.text());
      }
    }
    List<String> plain = new ArrayList<>();
    for (String s : all) {
      if (!isStory(s) && !s.contains("？") && !s.contains("?") && !hasCta(s)) {
        plain.add(s);
      }
    }
    if (plain.isEmpty()) {
      all.removeIf(this::hasCta);
      plain = all;
    }
    if (plain.isEmpty()) {
      return null;
    }
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < plain.size(); i++) {
      // drop a few more for variety; the first two carry the product's basics
      if (i >= 2 && random.nextDouble() < 0.25) {
        continue;
      }
      String s = flatten(plain.get(i));
      body.append(s);
      if (!endsSentence(s)) {
        body.append('。');
      }
    }
    Map<String, List<String>> words = words(p);
    String opener = Templates.pickAndFill(rules.weakOpeners(), words, random);
    String closer = Templates.pickAndFill(rules.weakClosers(), words, random);
    String text = (opener == null ? "" : opener) + body + (closer == null ? "" : closer);
    return new Variant(text, List.of(), "flattened");
  }

  private boolean isStory(String s) {
    return rules.weakStoryCues().stream().anyMatch(s::contains);
  }

  private boolean hasCta(String s) {
    return brand.rules().ctaPhrases().stream().anyMatch(s::contains);
  }

  /** Generic words for the brand's vocabulary, leaving product and dictionary names alone. */
  private String flatten(String s) {
    List<TermSpans.Span> names = spans.find(s);
    List<String> keys = new ArrayList<>(rules.weakReplacements().keySet());
    keys.sort(Comparator.comparingInt(String::length).reversed().thenComparing(k -> k));
    StringBuilder out = new StringBuilder();
    int i = 0;
    outer:
    while (i < s.length()) {
      for (TermSpans.Span n : names) {
        if (n.start() == i) {
          out.append(n.term());
          i = n.end();
          continue outer;
        }
      }
      for (String k : keys) {
        if (s.startsWith(k, i)
            && !TermSpans.inside(names, i, i + k.length(), TermSpans.Kind.values())) {
          out.append(rules.weakReplacements().get(k));
          i += k.length();
          continue outer;
        }
      }
      out.append(s.charAt(i++));
    }
    return out.toString();
  }

  // ---- exaggerated

  Variant exaggerated(String chosen, Product p, ContentType t, SplittableRandom random) {
    List<CopyText.Piece> body = bodySentences(chosen);
    if (body.isEmpty()) {
      return null;
    }
    Map<String, List<String>> words = words(p);
    String opener = Templates.pickAndFill(rules.exaggeratedOpeners(), words, random);
    String insert =
        random.nextDouble() < 0.6
            ? Templates.pickAndFill(rules.exaggeratedInserts(), words, random)
            : null;
    List<Edit> edits = new ArrayList<>();
    if (opener != null) {
      edits.add(new Edit(body.get(0).start(), body.get(0).start(), opener));
    }
    if (insert != null && body.size() >= 2) {
      int after = random.nextInt(body.size() - 1);
      edits.add(new Edit(body.get(after).end(), body.get(after).end(), insert));
    }
    boolean any = false;
    for (CopyText.Piece s : body) {
      char last = s.text().charAt(s.text().length() - 1);
      if (last == '。' && (random.nextDouble() < 0.5 || (!any && s == body.get(body.size() - 1)))) {
        edits.add(new Edit(s.end() - 1, s.end(), "！"));
        any = true;
      }
    }
    if (edits.isEmpty()) {
      return null;
    }
    return new Variant(apply(chosen, edits), List.of(), "hype");
  }

  // ---- fabricated

  private enum FactKind {
    CONCENTRATION,
    INGREDIENT,
    EFFECT,
    SPF
  }

  Variant fabricated(String chosen, Product p, ContentType t, SplittableRandom random) {
    List<FactKind> kinds = new ArrayList<>(List.of(FactKind.values()));
    Collections.shuffle(kinds, new Random(random.nextLong()));
    int wanted = random.nextDouble() < 0.3 ? 2 : 1;
    String text = chosen;
    List<String> facts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int[] near = null;
    for (FactKind k : kinds) {
      if (facts.size() == wanted) {
        break;
      }
      String[] r =
          switch (k) {
            case CONCENTRATION -> concentration(text, p, random, near);
            case INGREDIENT -> ingredient(text, p, t, random, near);
            case EFFECT -> effect(text, p, t, random, near);
            case SPF -> spf(text, p, random);
          };
      if (r != null) {
        // where the fact now stands; a second fact keeps its distance so each is read alone
        int at = firstDifference(text, r[0]);
        near = new int[] {at - NEAR, at + r[1].length() + NEAR};
        text = r[0];
        facts.add(r[1]);
        notes.add(k.name().toLowerCase(Locale.ROOT));
      }
    }
    return facts.isEmpty() ? null : new Variant(text, facts, String.join("+", notes));
  }

  /** [text, fact] with one catalog concentration changed, or null. */
  private String[] concentration(String text, Product p, SplittableRandom random, int[] near) {
    List<TermSpans.Span> names = spans.find(text);
    List<int[]> hits = new ArrayList<>();
    List<Product.ProductIngredient> of = new ArrayList<>();
    for (Product.ProductIngredient i : p.ingredients()) {
      if (i.concentration() == null) {
        continue;
      }
      String c = i.concentration();
      for (int at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) {
        char before = at > 0 ? text.charAt(at - 1) : ' ';
        if (!Character.isDigit(before)
            && before != '.'
            && !TermSpans.inside(names, at, at + c.length(), TermSpans.Kind.PRODUCT)
            && !overlaps(near, at, at + c.length())) {
          hits.add(new int[] {at, at + c.length()});
          of.add(i);
        }
      }
    }
    if (hits.isEmpty()) {
      return null;
    }
    int pick = random.nextInt(hits.size());
    double v = of.get(pick).percent();
    Set<Double> catalog = new HashSet<>();
    for (Product.ProductIngredient i : p.ingredients()) {
      if (i.percent() != null) {
        catalog.add(i.percent());
      }
    }
    List<Double> candidates = new ArrayList<>(List.of(v * 2, v * 3, v * 5, v + 1, v + 2));
    if (v >= 0.2) {
      candidates.add(v / 2);
    }
    Collections.shuffle(candidates, new Random(random.nextLong()));
    for (double c : candidates) {
      double rounded = BigDecimal.valueOf(c).setScale(2, RoundingMode.HALF_UP).doubleValue();
      if (rounded > 0 && rounded < 50 && !catalog.contains(rounded)) {
        String fact = format(rounded) + "%";
        return new String[] {
          CopyText.splice(text, hits.get(pick)[0], hits.get(pick)[1], fact), fact
        };
      }
    }
    return null;
  }

  /** [text, fact] with an ingredient the product lacks swapped in or added, or null. */
  private String[] ingredient(
      String text, Product p, ContentType t, SplittableRandom random, int[] near) {
    List<String> candidates = foreignIngredients(p);
    if (candidates.isEmpty()) {
      return null;
    }
    String fake = candidates.get(random.nextInt(candidates.size()));
    List<TermSpans.Span> own = new ArrayList<>();
    for (TermSpans.Span s : spans.find(text)) {
      if (s.kind() == TermSpans.Kind.INGREDIENT
          && p.ingredient(s.canonical()) != null
          && !overlaps(near, s.start(), s.end())) {
        own.add(s);
      }
    }
    if (!own.isEmpty() && random.nextDouble() < 0.7) {
      TermSpans.Span s = own.get(random.nextInt(own.size()));
      return new String[] {CopyText.splice(text, s.start(), s.end(), fake), fake};
    }
    Map<String, List<String>> words = words(p);
    words.put("ingredient", List.of(fake));
    String sentence = Templates.pickAndFill(rules.fabricatedIngredient(), words, random);
    return sentence == null ? null : new String[] {insertSentence(text, sentence, p, t), fake};
  }

  /** [text, fact] with an effect the product lacks swapped in or added, or null. */
  private String[] effect(
      String text, Product p, ContentType t, SplittableRandom random, int[] near) {
    List<String> candidates = foreignEffects(p);
    if (candidates.isEmpty()) {
      return null;
    }
    String fake = candidates.get(random.nextInt(candidates.size()));
    List<TermSpans.Span> own = new ArrayList<>();
    for (TermSpans.Span s : spans.find(text)) {
      // 防晒剂, 保湿霜: a noun built on the effect reads badly with another effect in it
      boolean compound = s.end() < text.length() && NOUN_SUFFIX.indexOf(text.charAt(s.end())) >= 0;
      if (s.kind() == TermSpans.Kind.EFFECT
          && p.hasEffect(s.canonical())
          && !compound
          && !overlaps(near, s.start(), s.end())) {
        own.add(s);
      }
    }
    if (!own.isEmpty() && random.nextDouble() < 0.6) {
      TermSpans.Span s = own.get(random.nextInt(own.size()));
      return new String[] {CopyText.splice(text, s.start(), s.end(), fake), fake};
    }
    Map<String, List<String>> words = words(p);
    words.put("effect", List.of(fake));
    String sentence = Templates.pickAndFill(rules.fabricatedEffect(), words, random);
    return sentence == null ? null : new String[] {insertSentence(text, sentence, p, t), fake};
  }

  /** [text, fact] with the SPF value changed, or null for a product or copy without one. */
  private String[] spf(String text, Product p, SplittableRandom random) {
    if (p.spf() == null) {
      return null;
    }
    Matcher m = SPF.matcher(text);
    if (!m.find()) {
      return null;
    }
    List<Integer> values = new ArrayList<>(List.of(15, 20, 25, 30, 35, 40, 50));
    values.remove(p.spf());
    int v = values.get(random.nextInt(values.size()));
    String fact = m.group().substring(0, m.start(1) - m.start()) + v;
    return new String[] {CopyText.splice(text, m.start(), m.end(), fact), fact};
  }

  private static final int NEAR = 12;

  private static boolean overlaps(int[] near, int start, int end) {
    return near != null && start < near[1] && near[0] < end;
  }

  private static int firstDifference(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  /** Ingredients other catalog products use that this one lacks (else any in the dictionary). */
  private List<String> foreignIngredients(Product p) {
    Set<String> out = new LinkedHashSet<>();
    for (Product other : kit.products()) {
      for (Product.ProductIngredient i : other.ingredients()) {
        out.add(i.name());
      }
    }
    if (out.isEmpty()) {
      kit.ingredients().forEach(i -> out.add(i.name()));
    }
    String catalogText = catalogText(p);
    out.removeIf(
        name ->
            p.ingredient(name) != null
                || p.isFreeFrom(name)
                || catalogText.contains(name)
                || p.ingredients().stream()
                    .anyMatch(own -> own.name().contains(name) || name.contains(own.name())));
    return new ArrayList<>(out);
  }

  private List<String> foreignEffects(Product p) {
    Set<String> out = new LinkedHashSet<>();
    for (Product other : kit.products()) {
      out.addAll(other.effects());
    }
    if (out.isEmpty()) {
      kit.effects().forEach(e -> out.add(e.name()));
    }
    String catalogText = catalogText(p);
    out.removeIf(
        name ->
            p.hasEffect(name)
                || catalogText.contains(name)
                || p.effects().stream().anyMatch(own -> own.contains(name) || name.contains(own)));
    return new ArrayList<>(out);
  }

  private static String catalogText(Product p) {
    return String.join(
        "\n",
        p.name(),
        p.usage(),
        p.texture(),
        String.join("、", p.cautions()),
        String.join("、", p.skinTypes()));
  }

  /**
   * Puts a sentence after the first body sentence that names one of the product's ingredients (or
   * after the first one), never after an ad's last sentence, which holds the call to action.
   */
  private String insertSentence(String text, String sentence, Product p, ContentType t) {
    List<CopyText.Piece> body = bodySentences(text);
    if (body.isEmpty()) {
      return text + sentence;
    }
    int at = 0;
    for (int i = 0; i < body.size(); i++) {
      String s = body.get(i).text();
      if (p.ingredients().stream().anyMatch(ing -> s.contains(ing.name()))) {
        at = i;
        break;
      }
    }
    boolean lastIsCta = t.ctaRequired() || t.channel() == Channel.AD;
    if (lastIsCta && at == body.size() - 1) {
      CopyText.Piece last = body.get(at);
      return CopyText.splice(text, last.start(), last.start(), sentence);
    }
    CopyText.Piece after = body.get(at);
    String prefix = endsSentence(after.text()) ? "" : "。";
    return CopyText.splice(text, after.end(), after.end(), prefix + sentence);
  }

  /** Ends with 。！？… (possibly inside a closing quote or bracket). */
  private static boolean endsSentence(String s) {
    String t = s.replaceAll("[”’」』）)]+$", "");
    return !t.isEmpty() && END_MARKS.indexOf(t.charAt(t.length() - 1)) >= 0;
  }

  /** Sentences of the running text with offsets in the whole copy. */
  private static List<CopyText.Piece> bodySentences(String text) {
    List<CopyText.Piece> out = new ArrayList<>();
    for (CopyText.Piece line : CopyText.bodyLines(text)) {
      for (CopyText.Piece s : CopyText.sentences(text, line.start(), line.end())) {
        out.add(s);
      }
    }
    return out;
  }

  private Map<String, List<String>> words(Product p) {
    Map<String, List<String>> w = new HashMap<>();
    w.put("product", List.of(p.name()));
    w.put(
        "category",
        List.of(brand.category(p.category()).map(Brand.Category::name).orElse(p.category())));
    w.put("banned", brand.bannedKeywords());
    w.put("hype", brand.rules().hypeTerms());
    w.put(
        "absolute",
        brand.rules().absoluteTerms().stream()
            .filter(a -> a.length() <= 3 && !a.matches(".*[\\d%％].*"))
            .toList());
    w.put("anxiety", brand.rules().anxietyTerms());
    w.put("cta", brand.rules().ctaPhrases());
    return w;
  }

  private static String format(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private record Edit(int start, int end, String text) {}

  private static String apply(String text, List<Edit> edits) {
    List<Edit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end).reversed());
    String s = text;
    for (Edit e : sorted) {
      s = CopyText.splice(s, e.start(), e.end(), e.text());
    }
    return s;
  }
}

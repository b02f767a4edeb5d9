package ai.brandtune.brand.check;

import ai.brandtune.brand.Percent;
import ai.brandtune.brand.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fact consistency with the product's catalog entry, through the ingredient and effect
 * dictionaries: ingredients the product lacks, free-from claims the catalog does not make,
 * concentrations that differ from the catalog, effects it does not claim, and SPF/PA values.
 * Findings carry the offending words as {@code evidence} and the canonical ingredient or effect as
 * {@code subject}, so an evaluation can tell which fact was flagged.
 */
final class FactRules {
  private static final Pattern SPF = Pattern.compile("(?<![a-z])spf\\s*(\\d+)\\s*(\\+?)");
  private static final Pattern PA = Pattern.compile("(?<![a-z])pa\\s*(\\++)");

  /** Clause ends: a concentration belongs to an ingredient in the same clause. */
  private static final String CLAUSE_ENDS = "。;!?\n,：:";

  private static final String SENTENCE_ENDS = "。;!?\n";
  private static final int CLAUSE_REACH = 12;
  private static final int SENTENCE_REACH = 24;

  /**
   * Runs the rules. {@code supportedIngredients}/{@code supportedEffects}: entries the product's
   * own catalog text (usage, cautions, texture, skin types) mentions, which a copy may repeat.
   * {@code absoluteSpans}: original spans of absolute terms (100%), which are hype, not
   * concentrations.
   */
  void check(
      Analysis a,
      Set<String> supportedIngredients,
      Set<String> supportedEffects,
      List<int[]> absoluteSpans,
      Findings out) {
    Product p = a.product();
    String folded = a.folded().text();
    List<Mention> ingredients = a.ingredients();
    boolean[] negated = Negation.ingredients(folded, ingredients);
    for (int i = 0; i < ingredients.size(); i++) {
      Mention m = ingredients.get(i);
      String name = m.canonical();
      if (negated[i]) {
        if (!p.isFreeFrom(name)) {
          String why =
              p.ingredient(name) != null
                  ? "但“" + name + "”是本品的核心成分"
                  : "但产品资料的不含成分（free_from）里没有“" + name + "”";
          out.add(
              Rule.FACT_FREE_FROM,
              Severity.ERROR,
              "声称不含“" + m.text() + "”，" + why,
              m.start(),
              m.end(),
              m.text(),
              name);
        }
      } else if (p.ingredient(name) == null && !supportedIngredients.contains(name)) {
        String why = p.isFreeFrom(name) ? "本品不含" + name : "产品资料里没有这个成分";
        out.add(
            Rule.FACT_INGREDIENT,
            Severity.ERROR,
            "提到成分“" + m.text() + "”，但" + why + "；只写本品的核心成分：" + ingredientList(p),
            m.start(),
            m.end(),
            m.text(),
            name);
      }
    }
    concentrations(a, negated, supportedIngredients, absoluteSpans, out);
    effects(a, supportedEffects, out);
    sunProtection(a, out);
  }

  private void concentrations(
      Analysis a,
      boolean[] negated,
      Set<String> supportedIngredients,
      List<int[]> absoluteSpans,
      Findings out) {
    Product p = a.product();
    String folded = a.folded().text();
    List<Mention> ingredients = a.ingredients();
    for (PercentExpr pe : a.percents()) {
      if (overlapsAny(absoluteSpans, pe.start(), pe.end())) {
        continue;
      }
      int k = attach(folded, ingredients, pe);
      if (k < 0) {
        boolean anyCatalogValue =
            p.ingredients().stream()
                .anyMatch(i -> i.percent() != null && Percent.same(i.percent(), pe.value()));
        if (!anyCatalogValue) {
          out.add(
              Rule.FACT_CONCENTRATION,
              Severity.ERROR,
              "数字“" + pe.text() + "”在产品资料里没有依据；浓度只写资料给出的：" + ingredientList(p),
              pe.start(),
              pe.end(),
              pe.text(),
              "");
        }
        continue;
      }
      Mention m = ingredients.get(k);
      Product.ProductIngredient pi = p.ingredient(m.canonical());
      if (negated[k]) {
        continue;
      }
      if (pi == null) {
        if (supportedIngredients.contains(m.canonical())) {
          out.add(
              Rule.FACT_CONCENTRATION,
              Severity.ERROR,
              "“" + m.canonical() + "”的浓度“" + pe.text() + "”在产品资料里没有依据",
              pe.start(),
              pe.end(),
              pe.text(),
              m.canonical());
        }
        continue; // the ingredient itself is already a finding
      }
      if (pi.percent() == null) {
        out.add(
            Rule.FACT_CONCENTRATION,
            Severity.ERROR,
            "产品资料没有给出“" + pi.name() + "”的浓度，不要写“" + pe.text() + "”",
            pe.start(),
            pe.end(),
            pe.text(),
            pi.name());
      } else if (!Percent.same(pi.percent(), pe.value())) {
        out.add(
            Rule.FACT_CONCENTRATION,
            Severity.ERROR,
            "“" + pi.name() + "”的浓度写成了“" + pe.text() + "”，产品资料为" + pi.concentration(),
            pe.start(),
            pe.end(),
            pe.text(),
            pi.name());
      }
    }
  }

  /**
   * The ingredient mention a percentage describes: the nearest one in the same clause (ties go to
   * the one before: 烟酰胺5%积雪草), else the nearest one before it in the same sentence; -1 when none.
   */
  static int attach(String folded, List<Mention> mentions, PercentExpr pe) {
    int best = -1;
    int bestDistance = Integer.MAX_VALUE;
    for (int i = 0; i < mentions.size(); i++) {
      Mention m = mentions.get(i);
      int d;
      if (m.foldedEnd() <= pe.foldedStart()) {
        if (crosses(folded, m.foldedEnd(), pe.foldedStart(), CLAUSE_ENDS)) {
          continue;
        }
        d = pe.foldedStart() - m.foldedEnd();
      } else if (m.foldedStart() >= pe.foldedEnd()) {
        if (crosses(folded, pe.foldedEnd(), m.foldedStart(), CLAUSE_ENDS)) {
          continue;
        }
        d = m.foldedStart() - pe.foldedEnd();
      } else {
        continue;
      }
      if (d <= CLAUSE_REACH && d < bestDistance) {
        best = i;
        bestDistance = d;
      }
    }
    if (best >= 0) {
      return best;
    }
    for (int i = mentions.size() - 1; i >= 0; i--) {
      Mention m = mentions.get(i);
      if (m.foldedEnd() <= pe.foldedStart()
          && pe.foldedStart() - m.foldedEnd() <= SENTENCE_REACH
          && !crosses(folded, m.foldedEnd(), pe.foldedStart(), SENTENCE_ENDS)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean crosses(String s, int from, int to, String ends) {
    for (int i = from; i < to; i++) {
      if (ends.indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private void effects(Analysis a, Set<String> supportedEffects, Findings out) {
    Product p = a.product();
    String folded = a.folded().text();
    for (Mention m : a.effects()) {
      String name = m.canonical();
      if (p.hasEffect(name) || supportedEffects.contains(name)) {
        continue;
      }
      if (isStep(folded, m)) {
        continue; // 清洁后 / 保湿之后: a usage step, not a claim
      }
      if (Negation.effectDenied(folded, m)) {
        out.add(
            Rule.FACT_EFFECT,
            Severity.WARNING,
            "提到本品没有的功效“" + m.text() + "”（虽是否定句），容易引起误解；只写本品功效：" + String.join("、", p.effects()),
            m.start(),
            m.end(),
            m.text(),
            name);
        continue;
      }
      out.add(
          Rule.FACT_EFFECT,
          Severity.ERROR,
          "声称功效“" + m.text() + "”，但产品资料的功效里没有；只写：" + String.join("、", p.effects()),
          m.start(),
          m.end(),
          m.text(),
          name);
    }
  }

  /** 清洁后, 清洁面部后, 保湿之后: the effect word names a step of a routine, not a claim. */
  private static boolean isStep(String folded, Mention m) {
    String after = folded.substring(m.foldedEnd(), Math.min(folded.length(), m.foldedEnd() + 5));
    return STEP.matcher(after).lookingAt();
  }

  private static final Pattern STEP = Pattern.compile("(面部|皮肤|肌肤|全脸|脸部|步骤)?(之后|后|过后|完)");

  private void sunProtection(Analysis a, Findings out) {
    Product p = a.product();
    FoldedText f = a.folded();
    Matcher m = SPF.matcher(f.text());
    while (m.find()) {
      int start = f.start(m.start());
      int end = f.end(m.end());
      String written = a.text().substring(start, end).strip();
      if (p.spf() == null) {
        out.add(
            Rule.FACT_SPF,
            Severity.ERROR,
            "写了“" + written + "”，但本品不是防晒产品，资料里没有SPF",
            start,
            end,
            written,
            "SPF");
        continue;
      }
      int value = Integer.parseInt(m.group(1));
      boolean plus = !m.group(2).isEmpty();
      // SPF50+ is how labels state 50 and above; the catalog's 50 allows it
      boolean ok = value == p.spf() && (!plus || p.spf() >= 50);
      if (!ok) {
        out.add(
            Rule.FACT_SPF,
            Severity.ERROR,
            "防晒值写成了“" + written + "”，产品资料为SPF" + p.spf(),
            start,
            end,
            written,
            "SPF");
      }
    }
    Matcher pa = PA.matcher(f.text());
    while (pa.find()) {
      int start = f.start(pa.start());
      int end = f.end(pa.end());
      String written = a.text().substring(start, end);
      String normalized = "PA" + pa.group(1);
      if (p.pa() == null) {
        out.add(
            Rule.FACT_SPF,
            Severity.ERROR,
            "写了“" + written + "”，但本品不是防晒产品，资料里没有PA值",
            start,
            end,
            written,
            "PA");
      } else if (!normalized.equals(p.pa().toUpperCase(Locale.ROOT))) {
        out.add(
            Rule.FACT_SPF,
            Severity.ERROR,
            "PA值写成了“" + written + "”，产品资料为" + p.pa(),
            start,
            end,
            written,
            "PA");
      }
    }
  }

  private static boolean overlapsAny(List<int[]> spans, int s, int e) {
    for (int[] r : spans) {
      if (s < r[1] && r[0] < e) {
        return true;
      }
    }
    return false;
  }

  private static String ingredientList(Product p) {
    List<String> parts = new ArrayList<>();
    for (Product.ProductIngredient i : p.ingredients()) {
      parts.add(i.concentration() == null ? i.name() : i.name() + " " + i.concentration());
    }
    return String.join("、", parts);
  }
}

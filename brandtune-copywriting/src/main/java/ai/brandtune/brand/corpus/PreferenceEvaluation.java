package ai.brandtune.brand.corpus;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Folding;
import ai.brandtune.brand.Percent;
import ai.brandtune.brand.Product;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.brand.check.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How well the checker's score separates chosen from rejected copies of a preference set: per
 * rejected type, the share of records where the chosen copy scores strictly higher, and for
 * fabricated records the share where the fact checker flags every listed false fact.
 */
public final class PreferenceEvaluation {

  /** The outcome for one record. */
  public record Outcome(
      Numbered<PreferenceRecord> record,
      CheckResult chosen,
      CheckResult rejected,
      boolean rankedAbove,
      List<String> unflaggedFacts) {

    public boolean allFactsFlagged() {
      return unflaggedFacts.isEmpty();
    }
  }

  /** Rates for one rejected type. */
  public record TypeStats(String type, int records, int rankedAbove, int factsFlagged) {
    public double rankingRate() {
      return records == 0 ? 0 : rankedAbove / (double) records;
    }

    /** Share of records whose listed fabricated facts were all flagged (fabricated type only). */
    public double flaggedRate() {
      return records == 0 ? 0 : factsFlagged / (double) records;
    }
  }

  /** Everything measured. */
  public record Report(List<Outcome> outcomes, Map<String, TypeStats> byType) {
    public Optional<TypeStats> type(String t) {
      return Optional.ofNullable(byType.get(t));
    }

    /** One line per type, e.g. {@code exaggerated: 40 records, chosen > rejected 97.5%}. */
    public List<String> lines() {
      List<String> out = new ArrayList<>();
      for (TypeStats s : byType.values()) {
        String line =
            String.format(
                java.util.Locale.ROOT,
                "%s: %d records, chosen scored above rejected in %.1f%%",
                s.type(),
                s.records(),
                100 * s.rankingRate());
        if (s.type().equals(PreferenceRecord.FABRICATED)) {
          line +=
              String.format(
                  java.util.Locale.ROOT,
                  ", fabricated facts flagged in %.1f%%",
                  100 * s.flaggedRate());
        }
        out.add(line);
      }
      return out;
    }
  }

  private PreferenceEvaluation() {}

  public static Report evaluate(
      BrandKit kit, BrandChecker checker, List<Numbered<PreferenceRecord>> records) {
    List<Outcome> outcomes = new ArrayList<>();
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (String t :
        List.of(PreferenceRecord.WEAK, PreferenceRecord.EXAGGERATED, PreferenceRecord.FABRICATED)) {
      counts.put(t, new int[3]);
    }
    for (Numbered<PreferenceRecord> n : records) {
      PreferenceRecord r = n.value();
      Optional<Product> p = kit.product(r.meta().productId());
      Optional<ContentType> t = kit.contentType(r.meta().contentType());
      if (p.isEmpty() || t.isEmpty()) {
        continue; // the validator reports unknown ids
      }
      CheckResult chosen = checker.check(r.chosen(), p.get(), t.get());
      CheckResult rejected = checker.check(r.rejected(), p.get(), t.get());
      boolean above = chosen.score().total() > rejected.score().total();
      List<String> unflagged = new ArrayList<>();
      for (String fact : r.fabricatedFacts()) {
        if (!flagged(kit, fact, r.rejected(), rejected)) {
          unflagged.add(fact);
        }
      }
      outcomes.add(new Outcome(n, chosen, rejected, above, unflagged));
      int[] c = counts.computeIfAbsent(r.rejectedType(), k -> new int[3]);
      c[0]++;
      c[1] += above ? 1 : 0;
      c[2] += r.fabricatedFacts().isEmpty() || !unflagged.isEmpty() ? 0 : 1;
    }
    Map<String, TypeStats> byType = new LinkedHashMap<>();
    counts.forEach((k, c) -> byType.put(k, new TypeStats(k, c[0], c[1], c[2])));
    return new Report(outcomes, byType);
  }

  /**
   * Whether a fact finding in {@code result} is about {@code fact}: its span overlaps where the
   * fact is written, or its subject is the canonical ingredient or effect the fact names, or (for a
   * number) its evidence is the same percentage.
   */
  public static boolean flagged(BrandKit kit, String fact, String text, CheckResult result) {
    List<Finding> facts =
        result.findings().stream().filter(f -> f.rule().isFact() && f.isError()).toList();
    String ft = Folding.fold(fact);
    String folded = Folding.fold(text);
    // Folding keeps lengths for the CJK and ASCII text of copies, so folded offsets are usable;
    // when it does not, the subject and number comparisons below still apply.
    if (folded.length() == text.length()) {
      for (int i = folded.indexOf(ft); i >= 0 && !ft.isEmpty(); i = folded.indexOf(ft, i + 1)) {
        for (Finding f : facts) {
          if (f.overlaps(i, i + ft.length())) {
            return true;
          }
        }
      }
    }
    Optional<String> canonical = kit.canonicalIngredient(fact).or(() -> kit.canonicalEffect(fact));
    if (canonical.isPresent()) {
      for (Finding f : facts) {
        if (f.subject().equals(canonical.get())) {
          return true;
        }
      }
    }
    OptionalDouble number = Percent.parse(fact);
    if (number.isPresent()) {
      for (Finding f : facts) {
        OptionalDouble v = Percent.parse(f.evidence());
        if (v.isPresent() && Percent.same(v.getAsDouble(), number.getAsDouble())) {
          return true;
        }
      }
    }
    String upper = fact.toUpperCase(java.util.Locale.ROOT);
    if (upper.startsWith("SPF") || upper.startsWith("PA")) {
      for (Finding f : facts) {
        if (Folding.fold(f.evidence()).replace(" ", "").equals(ft.replace(" ", ""))) {
          return true;
        }
      }
    }
    return false;
  }
}

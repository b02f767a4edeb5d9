package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.brand.check.Finding;
import ai.brandtune.brand.check.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a preference record's rejected variants with the brand checker directly. */
final class RejectAssertions {
  private RejectAssertions() {}

  /** The checker, independently of the stage's verifier, finds each variant's intended defect. */
  static void assertIntendedDefects(BrandKit kit, BrandChecker checker, PreferenceRecord p) {
    CheckResult chosen = checker.check(p.chosen(), p.productId(), p.contentType());
    assertThat(chosen.hasErrors()).as("chosen of %s", p.where()).isFalse();
    @SuppressWarnings("unchecked")
    List<List<String>> facts = (List<List<String>>) p.meta().get("fabricated_facts");
    assertThat(facts).hasSameSizeAs(p.rejected());
    assertThat((List<?>) p.meta().get("reject_sources")).hasSameSizeAs(p.rejected());
    for (int i = 0; i < p.rejected().size(); i++) {
      String text = p.rejected().get(i);
      String type = p.rejectedTypes().get(i);
      String what = p.where() + " " + type + ": " + text;
      assertThat(text.replaceAll("\\s", ""))
          .as(what)
          .isNotEqualTo(p.chosen().replaceAll("\\s", ""));
      CheckResult r = checker.check(text, p.productId(), p.contentType());
      switch (type) {
        case "weak" -> {
          assertThat(r.errors())
              .as(what)
              .noneMatch(
                  f ->
                      f.rule() == Rule.BANNED
                          || f.rule().component() == Rule.Component.HYPE
                          || f.rule().isFact());
          assertThat(r.score().total()).as(what).isLessThan(chosen.score().total());
          assertThat(facts.get(i)).isEmpty();
        }
        case "exaggerated" -> {
          assertThat(r.findings())
              .as(what)
              .anyMatch(
                  f ->
                      f.rule() == Rule.BANNED
                          || f.rule() == Rule.EXCLAMATION
                          || f.rule() == Rule.ABSOLUTE
                          || f.rule() == Rule.HYPE_TERM);
          assertThat(facts.get(i)).isEmpty();
        }
        case "fabricated" -> {
          assertThat(facts.get(i)).as(what).isNotEmpty();
          for (String fact : facts.get(i)) {
            assertThat(text).as(what).contains(fact);
            assertThat(r.factErrors()).as(what + " / " + fact).anyMatch(f -> flags(kit, f, fact));
          }
        }
        default -> throw new AssertionError("unknown type " + type);
      }
    }
  }

  /** As brand validate counts a fabricated fact flagged: span, canonical subject or evidence. */
  static boolean flags(BrandKit kit, Finding f, String fact) {
    Set<String> canonical = new HashSet<>();
    kit.canonicalIngredient(fact).ifPresent(canonical::add);
    kit.canonicalEffect(fact).ifPresent(canonical::add);
    return f.evidence().replace(" ", "").equalsIgnoreCase(fact.replace(" ", ""))
        || canonical.contains(f.subject());
  }
}

package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Product;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.brand.check.CheckResult;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleRejectsTest {
  static final BrandKit KIT = BrandKit.builtIn();

  @Test
  void fabricatedVariantsUseEveryKindOfFalseFactAndEachIsFlagged() {
    // a sunscreen ad that names concentrations, ingredients, effects and its SPF
    Product p = KIT.requireProduct("P014");
    ContentType t = KIT.requireContentType("paid_ad_fab");
    String chosen = CleanStageTest.goldenOf("P014/paid_ad_fab");
    BrandChecker checker = new BrandChecker(KIT);
    CheckResult chosenCheck = checker.check(chosen, p, t);
    RuleRejects rules = new RuleRejects(KIT, OfflineRules.load(null));
    RejectVerifier verifier = new RejectVerifier(KIT);
    Set<String> kinds = new LinkedHashSet<>();
    int passed = 0;
    for (int seed = 0; seed < 60; seed++) {
      RuleRejects.Variant v = rules.fabricated(chosen, p, t, Seeds.random(seed));
      CheckResult check = checker.check(v.text(), p, t);
      RejectVerifier.Verdict verdict =
          verifier.verify(RejectType.FABRICATED, chosen, chosenCheck, v.text(), check, v.facts());
      // two facts planted side by side can blur each other; the stage then draws again
      if (verdict.ok()) {
        passed++;
        kinds.addAll(java.util.List.of(v.note().split("\\+")));
      }
    }
    assertThat(passed).isGreaterThanOrEqualTo(55);
    assertThat(kinds).containsExactlyInAnyOrder("concentration", "ingredient", "effect", "spf");
  }
}

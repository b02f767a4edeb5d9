package ai.brandtune.brand;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.brand.corpus.CorpusFiles;
import ai.brandtune.brand.corpus.KitValidator;
import ai.brandtune.brand.corpus.PreferenceEvaluation;
import ai.brandtune.brand.corpus.PreferenceRecord;
import org.junit.jupiter.api.Test;

/**
 * Acceptance on the kit that ships: it validates (coverage, prompts, zero rule errors in the golden
 * corpus) and the checker's score separates chosen from rejected copies of the preference set. The
 * measured rates are printed.
 */
class ShippedKitTest {

  @Test
  void builtInKitValidates() {
    KitValidator.Report r = KitValidator.validate(KitSource.builtIn());

    r.summary().forEach(l -> System.out.println("[shipped kit] " + l));
    r.errors().stream().limit(40).forEach(e -> System.out.println("[shipped kit] error: " + e));
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void checkerRanksChosenAboveRejectedAndFlagsFabricatedFacts() {
    BrandKit kit = BrandKit.builtIn();
    String text = kit.source().read(KitFiles.PREFERENCE_EVAL).orElseThrow();
    PreferenceEvaluation.Report r =
        PreferenceEvaluation.evaluate(
            kit,
            new BrandChecker(kit),
            CorpusFiles.readPreference(kit.source().label(KitFiles.PREFERENCE_EVAL), text)
                .orThrow());

    r.lines().forEach(l -> System.out.println("[preference eval] " + l));
    PreferenceEvaluation.TypeStats exaggerated = r.type(PreferenceRecord.EXAGGERATED).orElseThrow();
    PreferenceEvaluation.TypeStats fabricated = r.type(PreferenceRecord.FABRICATED).orElseThrow();
    assertThat(exaggerated.records()).isGreaterThanOrEqualTo(40);
    assertThat(fabricated.records()).isGreaterThanOrEqualTo(40);
    assertThat(exaggerated.rankingRate()).isGreaterThanOrEqualTo(0.95);
    assertThat(fabricated.rankingRate()).isGreaterThanOrEqualTo(0.90);
    assertThat(fabricated.flaggedRate()).isGreaterThanOrEqualTo(0.90);
  }
}

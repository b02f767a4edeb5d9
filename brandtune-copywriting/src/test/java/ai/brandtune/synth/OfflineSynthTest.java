package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.PromptBuilder;
import ai.brandtune.brand.check.BrandChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate, clean and rejects with no teacher on the built-in kit, as the default pipeline runs.
 */
class OfflineSynthTest {
  static BrandKit kit;
  static BrandChecker checker;

  @TempDir Path tmp;

  @BeforeAll
  static void load() {
    kit = BrandKit.builtIn();
    checker = new BrandChecker(kit);
  }

  static StageSummary[] runAll(SynthConfig config, Path dir) {
    try (SynthContext ctx = SynthContext.of(config, kit, null)) {
      return new StageSummary[] {
        new GenerateStage(ctx).run(dir),
        new CleanStage(ctx).run(dir),
        new RejectsStage(ctx).run(dir)
      };
    }
  }

  @Test
  void builtInKitGivesGoldenCopiesAndVerifiedRejectsReproducibly() throws IOException {
    Path a = tmp.resolve("a");
    StageSummary[] s = runAll(SynthConfig.defaults(), a);

    // generate: the golden products only, said in the summary
    List<CopyRecord> generated = SynthFiles.readCopies(a.resolve(GenerateStage.OUTPUT));
    assertThat(s[0].count("written")).isEqualTo(generated.size()).isEqualTo(44 * 9);
    assertThat(s[0].count("no_golden")).isEqualTo(44 * 9);
    assertThat(s[0].notes().get(0)).contains("golden corpus").contains("44 of 88");
    PromptBuilder builder = new PromptBuilder(kit);
    for (CopyRecord r : generated) {
      assertThat(r.prompt()).isEqualTo(builder.build(r.productId(), r.contentType()));
      assertThat(r.meta()).containsEntry("source", "golden").containsEntry("stage", "generate");
    }

    // clean: the golden corpus passes the checks, nothing to fix or exclude
    List<CopyRecord> cleaned = SynthFiles.readCopies(a.resolve(CleanStage.OUTPUT));
    assertThat(s[1].count("kept")).isEqualTo(396);
    assertThat(s[1].count("excluded")).isZero();
    assertThat(cleaned)
        .extracting(CopyRecord::completion)
        .containsExactlyElementsOf(generated.stream().map(CopyRecord::completion).toList());
    assertThat(cleaned.get(0).meta()).containsEntry("stage", "clean").containsKey("history");

    // rejects: one per chosen copy, the mix exactly 50/30/20, each with its defect
    List<PreferenceRecord> prefs = SynthFiles.readPreferences(a.resolve(RejectsStage.OUTPUT));
    assertThat(prefs).hasSize(396);
    Map<String, Long> mix =
        prefs.stream()
            .flatMap(p -> p.rejectedTypes().stream())
            .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
    assertThat(mix)
        .containsEntry("weak", 198L)
        .containsEntry("exaggerated", 119L)
        .containsEntry("fabricated", 79L);
    assertThat(s[2].count("variants")).isEqualTo(396);
    for (PreferenceRecord p : prefs) {
      RejectAssertions.assertIntendedDefects(kit, checker, p);
    }

    // rerun with the same seed: the same bytes; another seed: other rejects
    Path b = tmp.resolve("b");
    runAll(SynthConfig.defaults(), b);
    for (String f : List.of(GenerateStage.OUTPUT, CleanStage.OUTPUT, RejectsStage.OUTPUT)) {
      assertThat(Files.readString(b.resolve(f))).as(f).isEqualTo(Files.readString(a.resolve(f)));
    }
    Path c = tmp.resolve("c");
    try (SynthContext ctx =
        SynthContext.of(SynthConfig.defaults().toBuilder().seed(7).build(), kit, null)) {
      new RejectsStage(ctx).run(a.resolve(CleanStage.OUTPUT), c);
    }
    assertThat(Files.readString(c.resolve(RejectsStage.OUTPUT)))
        .isNotEqualTo(Files.readString(a.resolve(RejectsStage.OUTPUT)));
  }

  @Test
  void unknownIdsInTheFiltersNameTheKey() {
    SynthConfig config =
        SynthConfig.defaults().toBuilder().products(List.of("P001", "P999")).build();
    try (SynthContext ctx = SynthContext.of(config, kit, null)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GenerateStage(ctx).run(tmp))
          .hasMessageStartingWith("products: unknown product id 'P999'");
    }
  }

  @Test
  void severalRejectsPerChosenAreDistinctAndSpreadOverTypes() {
    SynthConfig config =
        SynthConfig.defaults().toBuilder()
            .products(List.of("P001", "P004", "P014", "P038"))
            .rejectsPerChosen(3)
            .build();
    StageSummary[] s = runAll(config, tmp);
    List<PreferenceRecord> prefs = SynthFiles.readPreferences(tmp.resolve(RejectsStage.OUTPUT));
    assertThat(prefs).hasSize(4 * 9);
    assertThat(s[2].count("variants") + s[2].count("dropped")).isEqualTo(4 * 9 * 3);
    for (PreferenceRecord p : prefs) {
      assertThat(new HashSet<>(p.rejected())).hasSameSizeAs(p.rejected());
      assertThat(p.rejectedTypes()).hasSizeGreaterThanOrEqualTo(2);
      // 50/30/20 over three slots: never three of a kind once spread
      assertThat(new HashSet<>(p.rejectedTypes()).size()).isGreaterThanOrEqualTo(2);
      RejectAssertions.assertIntendedDefects(kit, checker, p);
    }
  }
}

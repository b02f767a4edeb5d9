package ai.brandtune.train.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation numbers on fixed scores, counted by hand. */
class RewardEvaluationTest {
  @TempDir Path tmp;

  // example 0: chosen 2.0 beats all three (weak 1.0, exaggerated 1.5, fabricated -1.0)
  // example 1: chosen 0.0 loses to exaggerated 0.5, beats weak -2.0
  // example 2: chosen 1.0 ties untyped 1.0 (a tie is a loss)
  private static final List<RewardEvaluation.Scored> SCORED =
      List.of(
          new RewardEvaluation.Scored(
              2.0, new double[] {1.0, 1.5, -1.0}, List.of("weak", "exaggerated", "fabricated"), 30),
          new RewardEvaluation.Scored(
              0.0, new double[] {0.5, -2.0}, List.of("exaggerated", "weak"), 10),
          new RewardEvaluation.Scored(1.0, new double[] {1.0}, List.of(""), 20));

  @Test
  void countsPairsExamplesAndTypes() {
    RewardEvaluation.Report r = RewardEvaluation.of(SCORED);
    assertThat(r.examples()).isEqualTo(3);
    assertThat(r.pairs()).isEqualTo(6);
    assertThat(r.accuracy()).isCloseTo(4.0 / 6, within(1e-12)); // 3 + 1 + 0 wins
    assertThat(r.byType())
        .containsEntry("weak", new RewardEvaluation.TypeAccuracy(2, 2))
        .containsEntry("exaggerated", new RewardEvaluation.TypeAccuracy(2, 1))
        .containsEntry("fabricated", new RewardEvaluation.TypeAccuracy(1, 1))
        .containsEntry("untyped", new RewardEvaluation.TypeAccuracy(1, 0));
    assertThat(r.bestOfKAccuracy()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(r.bestOfKRandom()).isCloseTo((1.0 / 4 + 1.0 / 3 + 1.0 / 2) / 3, within(1e-12));
    // margins: 1, 0.5, 3, -0.5, 2, 0
    assertThat(r.margin()).isCloseTo(6.0 / 6, within(1e-12));
    assertThat(r.meanChosen()).isCloseTo(1.0, within(1e-12));
    assertThat(r.meanRejected()).isCloseTo(1.0 / 6, within(1e-12));
    // rewards (2, 0, 1) against lengths (30, 10, 20): perfectly linear
    assertThat(r.lengthCorrelation()).isCloseTo(1.0, within(1e-12));

    Map<String, Object> m = r.metrics();
    assertThat(m).containsEntry("accuracy/untyped", 0.0).containsEntry("pairs", 6);
    assertThat(m.keySet()).startsWith("accuracy");
  }

  @Test
  void pearsonMatchesTheTextbookValueAndIsUndefinedForConstants() {
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {2, 1, 4, 3, 5};
    // sum dx dy = 8, sum dx^2 = 10, sum dy^2 = 10
    assertThat(RewardEvaluation.pearson(x, y)).isCloseTo(0.8, within(1e-12));
    assertThat(RewardEvaluation.pearson(x, new double[] {3, 3, 3, 3, 3})).isNaN();
    RewardEvaluation.Report one = RewardEvaluation.of(SCORED.subList(0, 1));
    assertThat(one.lengthCorrelation()).isNaN();
    assertThat(one.metrics()).containsEntry("length_correlation", null);
  }

  @Test
  void histogramIsAPng() throws Exception {
    Path png = tmp.resolve(ScoreHistogram.FILE);
    ScoreHistogram.write(SCORED, png);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).isGreaterThan(1000);
    assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("PNG");
  }
}

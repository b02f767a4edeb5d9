package ai.brandtune.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every number below is worked out by hand from {@code fixture_results.jsonl}: 4 prompts (p1, p2 of
 * typeA; p3, p4 of typeB) x models golden, a, b, judged by brand_rules and (p1, p2) by llm with one
 * failed row.
 */
class ReportStatsTest {
  static Path fixture() {
    try {
      return Path.of(ReportStatsTest.class.getResource("fixture_results.jsonl").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final ReportStats STATS = new ReportStats(ResultsFile.read(fixture()));

  @Test
  void perTypeMeans() {
    Map<String, Map<String, ReportStats.Mean>> m = STATS.meanByType("brand_rules");
    assertThat(m.keySet()).containsExactly(ReportStats.ALL, "typeA", "typeB");
    assertThat(m.get("typeA").get("golden").value()).isCloseTo((0.9 + 0.7) / 2, within(1e-12));
    assertThat(m.get("typeA").get("a").value()).isCloseTo((0.8 + 0.6) / 2, within(1e-12));
    assertThat(m.get("typeB").get("b").value()).isCloseTo((0.4 + 0.3) / 2, within(1e-12));
    assertThat(m.get(ReportStats.ALL).get("a").value()).isCloseTo(2.7 / 4, within(1e-12));
    assertThat(m.get(ReportStats.ALL).get("a").n()).isEqualTo(4);
    // the failed llm row is left out of the mean, not counted as zero
    ReportStats.Mean llmB = STATS.meanByType("llm").get(ReportStats.ALL).get("b");
    assertThat(llmB.value()).isEqualTo(2.0);
    assertThat(llmB.n()).isEqualTo(1);
    assertThat(STATS.failures()).isEqualTo(Map.of("llm", Map.of("b", 1)));
    assertThat(STATS.dimensionMeans("llm").get("golden").get("brand_fit").value()).isEqualTo(4.25);
  }

  @Test
  void winRatesAndBestCounts() {
    // golden vs a: p1 W, p2 W, p3 W, p4 L
    ReportStats.WinRate ga = STATS.winRate("brand_rules", "golden", "a");
    assertThat(List.of(ga.wins(), ga.ties(), ga.losses())).containsExactly(3, 0, 1);
    assertThat(ga.rate().value()).isEqualTo(0.75);
    // golden vs b: p1 tie (0.9 = 0.9), p2..p4 W -> 3.5 / 4
    assertThat(STATS.winRate("brand_rules", "golden", "b").rate().value()).isEqualTo(0.875);
    // a vs b: p1 L, p2 W, p3 tie, p4 W -> 2.5 / 4; b vs a mirrors it
    assertThat(STATS.winRate("brand_rules", "a", "b").rate().value()).isEqualTo(0.625);
    assertThat(STATS.winRate("brand_rules", "b", "a").rate().value()).isEqualTo(0.375);
    // llm: b failed on p1, so only p2 is shared
    ReportStats.WinRate llm = STATS.winRate("llm", "golden", "b");
    assertThat(llm.n()).isEqualTo(1);
    assertThat(llm.rate().value()).isEqualTo(1.0);
    // p1 tie between golden and b, p2 and p3 golden, p4 a
    assertThat(STATS.bestCounts("brand_rules"))
        .containsEntry("golden", 2)
        .containsEntry("a", 1)
        .containsEntry("b", 0)
        .containsEntry("(tie)", 1);
  }

  @Test
  void bootstrapIntervalsFollowTheDocumentedSeededProcedure() {
    // golden vs a outcomes in prompt order: 1, 1, 1, 0
    double[] outcomes = {1, 1, 1, 0};
    Random rng = new Random(Bootstrap.DEFAULT_SEED);
    double[] means = new double[1000];
    for (int b = 0; b < 1000; b++) {
      double s = 0;
      for (int i = 0; i < 4; i++) {
        s += outcomes[rng.nextInt(4)];
      }
      means[b] = s / 4;
    }
    Arrays.sort(means);
    Bootstrap.Interval ci = STATS.winRate("brand_rules", "golden", "a").rate();
    assertThat(ci.low()).isEqualTo(means[25]);
    assertThat(ci.high()).isEqualTo(means[974]);
    // four draws of {1,1,1,0}: the mean moves in quarters and the interval brackets 0.75
    assertThat(ci.low()).isLessThanOrEqualTo(0.5);
    assertThat(ci.high()).isEqualTo(1.0);
    // same seed, same interval
    assertThat(new ReportStats(STATS.rows()).winRate("brand_rules", "golden", "a").rate())
        .isEqualTo(ci);
  }

  @Test
  void violationRatesAndLengths() {
    Map<String, Map<String, ReportStats.Mean>> v = STATS.violationRates();
    assertThat(v.get("a").get("banned").value()).isEqualTo(0.25);
    assertThat(v.get("a").get("missing_cta").value()).isEqualTo(0.25);
    assertThat(v.get("a").get("unsupported_facts").value()).isEqualTo(0.25);
    assertThat(v.get("a").get("over_length").value()).isEqualTo(0.0);
    assertThat(v.get("b").get("over_length").value()).isEqualTo(0.25);
    assertThat(v.get("b").get("banned").value()).isEqualTo(0.25);
    assertThat(v.get("golden").values()).allMatch(x -> x.value() == 0.0);

    ReportStats.LengthStats a = STATS.lengthStats().get("a");
    assertThat(a.mean()).isEqualTo((150 + 160 + 50 + 70) / 4.0);
    assertThat(a.median()).isEqualTo((70 + 150) / 2.0);
    assertThat(List.of(a.min(), a.max())).containsExactly(50, 160);

    List<ReportStats.Difference> d = STATS.mostDifferent("brand_rules", 2);
    assertThat(d)
        .extracting(ReportStats.Difference::promptId)
        .containsExactlyInAnyOrder("p3", "p4");
    assertThat(d.get(0).spread()).isCloseTo(0.6, within(1e-9));
  }

  @Test
  void runDiffComparesMeansAndViolations() {
    List<ResultRow> later =
        STATS.rows().stream()
            .map(
                r ->
                    r.model().equals("a") && r.ok()
                        ? new ResultRow(
                            r.run(),
                            r.promptId(),
                            r.productId(),
                            r.contentType(),
                            r.group(),
                            r.model(),
                            r.judge(),
                            r.status(),
                            r.score() + 0.1,
                            r.dimensions(),
                            Map.of("banned", false),
                            r.flaws(),
                            r.rationale(),
                            r.error(),
                            r.output(),
                            r.length(),
                            null,
                            null)
                        : r)
            .toList();
    List<RunDiff.Change> changes = RunDiff.compare(STATS, new ReportStats(later));
    RunDiff.Change mean =
        changes.stream()
            .filter(
                c ->
                    c.judge().equals("brand_rules")
                        && c.model().equals("a")
                        && c.what().equals("mean (all)"))
            .findFirst()
            .orElseThrow();
    assertThat(mean.before()).isCloseTo(0.675, within(1e-12));
    assertThat(mean.delta()).isCloseTo(0.1, within(1e-12));
    RunDiff.Change banned =
        changes.stream()
            .filter(c -> c.model().equals("a") && c.what().equals("violation banned"))
            .findFirst()
            .orElseThrow();
    assertThat(banned.delta()).isEqualTo(-0.25);
  }
}

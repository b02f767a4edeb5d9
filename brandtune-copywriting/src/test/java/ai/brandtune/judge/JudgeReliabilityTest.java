package ai.brandtune.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class JudgeReliabilityTest {

  @Test
  void spearmanWithoutAndWithTies() {
    // no ties: 1 - 6 * sum(d^2) / (n (n^2 - 1)) = 1 - 6 * 2 / 60
    assertThat(JudgeReliability.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}))
        .isCloseTo(0.8, within(1e-12));
    // tied x ranks 2.5, 2.5: Pearson on ranks = 4.5 / sqrt(4.5 * 5)
    assertThat(JudgeReliability.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 4}))
        .isCloseTo(4.5 / Math.sqrt(22.5), within(1e-12));
  }

  @Test
  void quadraticWeightedKappaByHand() {
    // observed off-diagonal weight 2 * 1/4; expected sum 1.375 (see the marginals 1,1,2 / 1,1,2)
    double k =
        JudgeReliability.quadraticWeightedKappa(
            new int[] {1, 2, 3, 3}, new int[] {1, 3, 3, 2}, 1, 3);
    assertThat(k).isCloseTo(1 - 0.5 / 1.375, within(1e-12));
    assertThat(
            JudgeReliability.quadraticWeightedKappa(new int[] {1, 3, 5}, new int[] {1, 3, 5}, 1, 5))
        .isEqualTo(1.0);
  }

  @Test
  void spreadConsistencyAndAccuracy() {
    JudgeReliability.Spread s = JudgeReliability.spread(new double[] {4, 4, 5, 3});
    assertThat(s.mean()).isEqualTo(4.0);
    assertThat(s.standardDeviation()).isCloseTo(Math.sqrt(0.5), within(1e-12));
    assertThat(s.distinctScores()).isEqualTo(3);

    JudgeReliability.Consistency c =
        JudgeReliability.selfConsistency(new double[] {4, 3, 5, 2}, new double[] {4, 4, 5, 2});
    assertThat(c.exactAgreement()).isEqualTo(0.75);
    assertThat(c.meanAbsoluteDifference()).isEqualTo(0.25);

    var acc =
        JudgeReliability.accuracyByType(
            List.of(
                new JudgeReliability.Pair("weak", 4, 3),
                new JudgeReliability.Pair("weak", 3, 3),
                new JudgeReliability.Pair("fabricated", 5, 1)));
    assertThat(acc.get("weak").accuracy()).isEqualTo(0.5);
    assertThat(acc.get("fabricated").accuracy()).isEqualTo(1.0);
    assertThat(JudgeReliability.toFivePoint(0.0)).isEqualTo(1);
    assertThat(JudgeReliability.toFivePoint(0.8)).isEqualTo(4);
    assertThat(JudgeReliability.toFivePoint(1.0)).isEqualTo(5);
  }
}

package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectPlanTest {

  static Map<RejectType, Integer> counts(List<RejectType> plan) {
    Map<RejectType, Integer> m = new EnumMap<>(RejectType.class);
    plan.forEach(t -> m.merge(t, 1, Integer::sum));
    return m;
  }

  @Test
  void quotasAreExactWithLargestRemainders() {
    // 0.5/0.3/0.2 of 7: 3.5, 2.1, 1.4 -> floors 3, 2, 1 and the leftover to weak (.5 > .4 > .1)
    assertThat(counts(RejectPlan.assign(RejectMix.DEFAULT, 7, 42L)))
        .containsEntry(RejectType.WEAK, 4)
        .containsEntry(RejectType.EXAGGERATED, 2)
        .containsEntry(RejectType.FABRICATED, 1);
    assertThat(counts(RejectPlan.assign(new RejectMix(0.0, 1.0, 3.0), 8, 1L)))
        .containsEntry(RejectType.EXAGGERATED, 2)
        .containsEntry(RejectType.FABRICATED, 6)
        .doesNotContainKey(RejectType.WEAK);
  }

  @Test
  void theSameSeedGivesTheSameOrderAndAnotherSeedAnother() {
    List<RejectType> a = RejectPlan.assign(RejectMix.DEFAULT, 100, 42L);
    assertThat(RejectPlan.assign(RejectMix.DEFAULT, 100, 42L)).isEqualTo(a);
    assertThat(RejectPlan.assign(RejectMix.DEFAULT, 100, 43L)).isNotEqualTo(a);
  }

  @Test
  void severalPerRecordAreSpreadWithoutChangingTheCounts() {
    int records = 50;
    List<RejectType> plan = RejectPlan.assign(RejectMix.DEFAULT, records, 3, 42L);
    assertThat(counts(plan)).isEqualTo(counts(RejectPlan.assign(RejectMix.DEFAULT, 150, 42L)));
    for (int r = 0; r < records; r++) {
      List<RejectType> mine = plan.subList(r * 3, r * 3 + 3);
      // 75 weak over 50 records: no record needs three, and every record has two kinds at least
      assertThat(new HashSet<>(mine)).as("record %d: %s", r, mine).hasSizeGreaterThanOrEqualTo(2);
    }
  }
}

package ai.brandtune.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.BrandtuneException;
import org.junit.jupiter.api.Test;

/** Values worked out by hand from the formulas of transformers' schedulers. */
class LrScheduleTest {
  private static final double PEAK = 1e-3;

  @Test
  void warmupRisesLinearlyFromZero() {
    LrSchedule s = LrSchedule.of(LrSchedule.Type.COSINE, PEAK, 100, 10, 0, 0);
    assertThat(s.lr(0)).isZero();
    assertThat(s.lr(5)).isCloseTo(5e-4, within(1e-12));
    assertThat(s.lr(9)).isCloseTo(9e-4, within(1e-12));
    assertThat(s.lr(10)).isCloseTo(PEAK, within(1e-12));
  }

  @Test
  void cosineDecaysToTheMinimum() {
    LrSchedule s = LrSchedule.of(LrSchedule.Type.COSINE, PEAK, 100, 10, 0, 0);
    // progress (55 - 10) / 90 = 0.5: 0.5 * (1 + cos(pi / 2)) = 0.5
    assertThat(s.lr(55)).isCloseTo(5e-4, within(1e-12));
    // progress 20 / 90: 0.5 * (1 + cos(2pi/9)) = 0.883022221559489
    assertThat(s.lr(30)).isCloseTo(8.83022221559489e-4, within(1e-12));
    assertThat(s.lr(100)).isCloseTo(0, within(1e-15));
  }

  @Test
  void minLrRatioLiftsTheFloor() {
    LrSchedule s = LrSchedule.of(LrSchedule.Type.COSINE, PEAK, 100, 10, 0, 0.1);
    // 0.1 + 0.9 * 0.5
    assertThat(s.lr(55)).isCloseTo(5.5e-4, within(1e-12));
    assertThat(s.lr(100)).isCloseTo(1e-4, within(1e-12));
  }

  @Test
  void linearDecaysToZero() {
    LrSchedule s = LrSchedule.of(LrSchedule.Type.LINEAR, PEAK, 100, 10, 0, 0);
    // 1 - 22 / 90 = 0.755555...
    assertThat(s.lr(32)).isCloseTo(7.555555555555556e-4, within(1e-12));
    assertThat(s.lr(55)).isCloseTo(5e-4, within(1e-12));
    assertThat(s.lr(99)).isCloseTo(PEAK / 90, within(1e-12));
  }

  @Test
  void constantStaysAtThePeakAfterWarmup() {
    LrSchedule s = LrSchedule.of(LrSchedule.Type.CONSTANT, PEAK, 50, 4, 0, 0.5);
    assertThat(s.lr(2)).isCloseTo(5e-4, within(1e-12));
    assertThat(s.lr(4)).isEqualTo(PEAK);
    assertThat(s.lr(49)).isEqualTo(PEAK);
  }

  @Test
  void warmupRatioRoundsUpAndStepsWin() {
    assertThat(LrSchedule.of(LrSchedule.Type.LINEAR, PEAK, 100, 0, 0.03, 0).warmupSteps())
        .isEqualTo(3);
    assertThat(LrSchedule.of(LrSchedule.Type.LINEAR, PEAK, 10, 0, 0.25, 0).warmupSteps())
        .isEqualTo(3); // ceil(2.5)
    assertThat(LrSchedule.of(LrSchedule.Type.LINEAR, PEAK, 10, 7, 0.25, 0).warmupSteps())
        .isEqualTo(7);
  }

  @Test
  void namesParseAndUnknownOnesAreErrors() {
    assertThat(LrSchedule.Type.parse("Cosine")).isEqualTo(LrSchedule.Type.COSINE);
    assertThat(LrSchedule.Type.parse("constant_with_warmup")).isEqualTo(LrSchedule.Type.CONSTANT);
    assertThatThrownBy(() -> LrSchedule.Type.parse("polynomial"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("lr_scheduler_type")
        .hasMessageContaining("polynomial");
  }
}

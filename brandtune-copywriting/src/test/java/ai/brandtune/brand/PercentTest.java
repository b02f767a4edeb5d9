package ai.brandtune.brand;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentTest {
  @Test
  void digitsInEveryCommonSpelling() {
    assertThat(Percent.parse("5%")).hasValue(5.0);
    assertThat(Percent.parse("5.0%")).hasValue(5.0);
    assertThat(Percent.parse("0.5 %")).hasValue(0.5);
    assertThat(Percent.parse("５％")).hasValue(5.0);
    assertThat(Percent.parse("10%")).hasValue(10.0);
  }

  @Test
  void chineseNumerals() {
    assertThat(Percent.parse("百分之五")).hasValue(5.0);
    assertThat(Percent.parse("百分之零点五")).hasValue(0.5);
    assertThat(Percent.parse("百分之十")).hasValue(10.0);
    assertThat(Percent.parse("百分之十二")).hasValue(12.0);
    assertThat(Percent.parse("百分之二十")).hasValue(20.0);
    assertThat(Percent.parse("百分之两点五")).hasValue(2.5);
    assertThat(Percent.parse("百分之一百")).hasValue(100.0);
    assertThat(Percent.parse("百分之百")).hasValue(100.0);
    assertThat(Percent.parse("百分之一百零五")).hasValue(105.0);
    assertThat(Percent.parse("千分之五")).hasValue(0.5);
  }

  @Test
  void notPercentages() {
    assertThat(Percent.parse("5")).isEmpty();
    assertThat(Percent.parse("百分之")).isEmpty();
    assertThat(Percent.parse("百分之五点")).isEmpty();
    assertThat(Percent.parse("五成")).isEmpty();
  }

  @Test
  void valuesCompareAsNumbers() {
    assertThat(Percent.same(5.0, Percent.parse("百分之五").getAsDouble())).isTrue();
    assertThat(Percent.same(0.1, 0.1 + 1e-12)).isTrue();
    assertThat(Percent.same(0.1, 0.2)).isFalse();
  }
}

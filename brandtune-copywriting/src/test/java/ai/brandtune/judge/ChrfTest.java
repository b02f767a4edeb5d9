package ai.brandtune.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** chrF values worked out by hand from the definition (beta 2, orders 1-6, whitespace removed). */
class ChrfTest {

  @Test
  void identicalTextsScore100() {
    assertThat(Chrf.score("屏障修护精华", "屏障修护精华")).isCloseTo(100.0, within(1e-9));
  }

  @Test
  void symmetricPartialMatch() {
    // n=1: 2 of 3 match both ways; n=2: ab matches, 1 of 2; n=3: abc vs abd, 0 of 1;
    // n>=4: no n-grams. P = R = (2/3 + 1/2 + 0) / 3 = 7/18, and F_beta(P, P) = P.
    assertThat(Chrf.score("abc", "abd")).isCloseTo(100 * 7.0 / 18, within(1e-9));
  }

  @Test
  void recallWeighsMoreThanPrecision() {
    // "a ab" -> "aab" (whitespace dropped) against "ab":
    // n=1: hyp {a:2, b:1}, ref {a:1, b:1}, 2 matches: P = 2/3, R = 1
    // n=2: hyp {aa, ab}, ref {ab}, 1 match: P = 1/2, R = 1; n=3: the reference has none
    // P = 7/12, R = 1, F = 5 * 7/12 / (4 * 7/12 + 1) = 35/40
    assertThat(Chrf.score("a ab", "ab")).isCloseTo(87.5, within(1e-9));
    // swapped, precision is 1 and recall 7/12: F = 5 * 7/12 / (4 + 7/12) = 35/55
    assertThat(Chrf.score("ab", "a ab")).isCloseTo(100 * 35.0 / 55, within(1e-9));
  }

  @Test
  void chineseCharactersAreCodePoints() {
    // n=1: 你 matches, P = R = 1/2; n=2: 你好 vs 你们, 0: P = R = 1/4 -> 25
    assertThat(Chrf.score("你好", "你们")).isCloseTo(25.0, within(1e-9));
    assertThat(Chrf.score("", "你们")).isZero();
  }
}

package ai.brandtune.train.grpo.gsm8k;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.train.grpo.PromptRecord;
import ai.brandtune.train.grpo.RewardFunction;
import ai.brandtune.train.grpo.RewardRegistry;
import ai.brandtune.train.grpo.RewardSample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GSM8K rewards on hand-written completions give the values their Javadoc documents. */
class Gsm8kRewardsTest {
  static final String CLEAN = "<reasoning>\n12 * 6 = 72\n</reasoning>\n<answer>\n72\n</answer>\n";

  static double score(String name, String completion, String answer) {
    RewardFunction f = RewardRegistry.builtIn().create(name, null);
    RewardSample s = new RewardSample(List.of(), completion, 10, false, Map.of(), answer);
    Double v = f.score(s);
    return v == null ? Double.NaN : v;
  }

  @Test
  void cleanRightAnswerScoresEverything() {
    assertThat(score(Gsm8kRewards.CORRECTNESS, CLEAN, "72")).isEqualTo(2.0);
    assertThat(score(Gsm8kRewards.INTEGER, CLEAN, "72")).isEqualTo(0.5);
    assertThat(score(Gsm8kRewards.STRICT_FORMAT, CLEAN, "72")).isEqualTo(0.5);
    assertThat(score(Gsm8kRewards.SOFT_FORMAT, CLEAN, "72")).isEqualTo(0.5);
    assertThat(score(Gsm8kRewards.XML_COUNT, CLEAN, "72")).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void wrongAnswerKeepsFormatRewardsOnly() {
    String wrong = CLEAN.replace("\n72\n</answer>", "\n73\n</answer>");
    assertThat(score(Gsm8kRewards.CORRECTNESS, wrong, "72")).isZero();
    assertThat(score(Gsm8kRewards.INTEGER, wrong, "72")).isEqualTo(0.5);
    assertThat(score(Gsm8kRewards.STRICT_FORMAT, wrong, "72")).isEqualTo(0.5);
    // numbers compare as numbers, thousands commas dropped
    assertThat(score(Gsm8kRewards.CORRECTNESS, CLEAN.replace("72", "1,072"), "1072"))
        .isEqualTo(2.0);
    assertThat(score(Gsm8kRewards.CORRECTNESS, CLEAN.replace("\n72\n", "\n72.0\n"), "72"))
        .isEqualTo(2.0);
  }

  @Test
  void brokenTagsLoseFormatButStillExtract() {
    // no closing answer tag, nothing after the answer line
    String broken = "<reasoning>\n12 * 6\n</reasoning>\n<answer>\n72";
    assertThat(score(Gsm8kRewards.CORRECTNESS, broken, "72")).isEqualTo(2.0);
    assertThat(score(Gsm8kRewards.STRICT_FORMAT, broken, "72")).isZero();
    assertThat(score(Gsm8kRewards.SOFT_FORMAT, broken, "72")).isZero();
    // three of four tags once each: 0.375; "\n<answer>\n" present: minus 0.001 per character
    // after "\n</answer>\n", which is absent, so the whole text counts (39 characters)
    assertThat(score(Gsm8kRewards.XML_COUNT, broken, "72"))
        .isCloseTo(0.375 - broken.length() * 0.001, within(1e-12));
    // trailing chatter after a clean answer costs 0.001 per character, twice (the closing tag's
    // own newline is not counted)
    String chatty = CLEAN + "hope it helps";
    assertThat(score(Gsm8kRewards.XML_COUNT, chatty, "72"))
        .isCloseTo(0.5 - 2 * 13 * 0.001, within(1e-12));
    // single-line tags pass the soft format only
    String inline = "<reasoning>12 * 6</reasoning> <answer>72</answer>";
    assertThat(score(Gsm8kRewards.SOFT_FORMAT, inline, "72")).isEqualTo(0.5);
    assertThat(score(Gsm8kRewards.STRICT_FORMAT, inline, "72")).isZero();
    assertThat(score(Gsm8kRewards.XML_COUNT, inline, "72")).isZero();
  }

  @Test
  void nonIntegerAnswerLosesTheIntegerReward() {
    String decimal = CLEAN.replace("\n72\n", "\n7.5\n");
    assertThat(score(Gsm8kRewards.INTEGER, decimal, "7.5")).isZero();
    assertThat(score(Gsm8kRewards.CORRECTNESS, decimal, "7.5")).isEqualTo(2.0);
    assertThat(score(Gsm8kRewards.INTEGER, CLEAN.replace("\n72\n", "\nseventy-two\n"), "72"))
        .isZero();
    assertThat(score(Gsm8kRewards.INTEGER, CLEAN.replace("\n72\n", "\n-4\n"), "-4")).isEqualTo(0.5);
  }

  @Test
  void correctnessAbstainsWithoutAnAnswer() {
    assertThat(score(Gsm8kRewards.CORRECTNESS, CLEAN, null)).isNaN();
  }

  @Test
  void loaderTakesTheNumberAfterHashes() {
    PromptRecord r =
        Gsm8kDataset.toPrompt(
            "Natalia sold clips...", "She sold 48/2 = 24 clips.\n#### 1,072", "f:1");
    assertThat(r.answer()).isEqualTo("1072");
    assertThat(r.prompt()).hasSize(2);
    assertThat(r.prompt().get(0).content()).isEqualTo(Gsm8kDataset.SYSTEM_PROMPT);
    assertThat(r.prompt().get(1).content()).isEqualTo("Natalia sold clips...");
  }
}

package ai.brandtune.train.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.BrandtuneException;
import ai.brandtune.model.RewardModel;
import ai.brandtune.model.RewardModelCheckpoint;
import ai.brandtune.tensor.Devices;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.train.reward.RewardScorer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reward_model}: the raw score equals the reward model's own score of the copy; centred, it
 * is {@code sigmoid(r - r_ref)} with the reference copy taken from {@code meta.reference} before
 * {@code answer}, computed here from the raw scores; without a reference copy it abstains.
 */
class RewardModelRewardTest {
  @TempDir static Path tmp;
  static Path rm;
  static final List<ChatMessage> PROMPT = List.of(ChatMessage.user("Describe the lamp"));

  @BeforeAll
  static void setUp() throws Exception {
    Path base = GrpoFixtures.tinyModel(tmp);
    RewardModel model =
        RewardModelCheckpoint.fromPretrained(base, Devices.cpu(), ScalarType.Float, 3, null);
    rm = tmp.resolve("rm");
    RewardModelCheckpoint.save(model, base, rm);
  }

  static RewardSettings settings(String path, String centering) {
    return new RewardSettings(path, centering, 4, null, Devices.cpu(), ScalarType.Float);
  }

  static RewardSample sample(String text, Map<String, Object> meta, String answer) {
    return new RewardSample(PROMPT, text, 5, false, meta, answer);
  }

  @Test
  void rawAndCentredScores() {
    double good;
    double ref;
    double other;
    try (RewardScorer scorer =
        RewardScorer.open(rm, Devices.cpu(), ScalarType.Float, RewardScorer.Options.defaults())) {
      good = scorer.score(PROMPT, "A calm, warm light.");
      ref = scorer.score(PROMPT, "A lamp.");
      other = scorer.score(PROMPT, "Light for reading.");
    }
    try (RewardFunction raw =
        RewardRegistry.builtIn().create("reward_model", settings(rm.toString(), "none"))) {
      assertThat(raw.score(sample("A calm, warm light.", Map.of(), null)))
          .isCloseTo(good, within(1e-5));
    }
    try (RewardFunction centred =
        RewardRegistry.builtIn().create("reward_model", settings(rm.toString(), "reference"))) {
      List<Double> scores =
          centred.scoreAll(
              List.of(
                  sample(
                      "A calm, warm light.", Map.of("reference", "A lamp."), "Light for reading."),
                  sample("A calm, warm light.", Map.of(), "Light for reading."),
                  sample("A calm, warm light.", Map.of(), null)));
      assertThat(scores.get(0)).isCloseTo(1 / (1 + Math.exp(-(good - ref))), within(1e-5));
      assertThat(scores.get(1)).isCloseTo(1 / (1 + Math.exp(-(good - other))), within(1e-5));
      assertThat(scores.get(2)).isNull();
      // a completion equal to its reference sits at exactly one half
      assertThat(centred.score(sample("A lamp.", Map.of("reference", "A lamp."), null)))
          .isCloseTo(0.5, within(1e-6));
    }
  }

  @Test
  void missingPathIsAUserError() {
    assertThatThrownBy(
            () -> RewardRegistry.builtIn().create("reward_model", settings(null, "none")))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("reward_model_path");
    assertThatThrownBy(
            () -> RewardRegistry.builtIn().create("reward_modle", settings(null, "none")))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("reward_model");
  }
}

package ai.brandtune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.GenerationConfig;
import ai.brandtune.io.SafetensorsWeights;
import ai.brandtune.model.reference.ReferenceConfig;
import ai.brandtune.model.reference.ReferenceDecoder;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Scopes;
import ai.brandtune.tensor.Tensors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reward head reads the final hidden state of each row's last real token: against the float64
 * reference, invariant to padding, and through the SequenceClassification checkpoint layout.
 */
class RewardModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** Rows of different lengths, right-padded with id 0, as the preference collator pads them. */
  private static final long[][] IDS = {
    {3, 17, 5, 9, 1, 22, 30}, {11, 2, 7, 19, 0, 0, 0}, {4, 0, 0, 0, 0, 0, 0}
  };

  private static final int[] LENGTHS = {7, 4, 1};

  @Test
  void rewardIsTheHeadOnTheLastRealTokensHiddenStateAsTheReferenceComputesIt() {
    ReferenceConfig c = MicroModels.qwen3Untied();
    Map<String, double[]> weights = MicroModels.roundedToFloat(MicroModels.randomWeights(c, 5));
    // the reference's logit 0 is lm_head row 0 on the final normed state: make that the score
    double[] lmHead = weights.get("lm_head.weight");
    double[] score = Arrays.copyOf(lmHead, c.hiddenSize());
    RewardModel model =
        new RewardModel(
            MicroModels.toModelConfig(c),
            MicroModels.source(weights, ScalarType.Float),
            MicroModels.source(Map.of(RewardModel.SCORE_WEIGHT, score), ScalarType.Float),
            Devices.cpu(),
            ScalarType.Float);
    int[][] mask = new int[IDS.length][IDS[0].length];
    for (int b = 0; b < IDS.length; b++) {
      Arrays.fill(mask[b], 0, LENGTHS[b], 1);
    }
    double[][][] logits = new ReferenceDecoder(c, weights).forward(IDS, mask);
    float[] rewards = rewards(model, IDS, LENGTHS, true);
    for (int b = 0; b < IDS.length; b++) {
      double expected = logits[b][LENGTHS[b] - 1][0];
      assertThat((double) rewards[b]).as("row %d", b).isCloseTo(expected, within(1e-4));
    }
  }

  @Test
  void rewardsOfTheSameTextAgreeWhateverThePadding() {
    RewardModel model = tiny(Architecture.QWEN3, 7);
    long[] text = {72, 101, 108, 108, 111, 33};
    float alone = rewards(model, new long[][] {text}, new int[] {text.length}, false)[0];

    long[][] rightPadded = {pad(text, 15, false), range(15, 40)};
    float right = rewards(model, rightPadded, new int[] {text.length, 15}, true)[0];

    long[][] leftPadded = {pad(text, 11, true), range(11, 90)};
    float left = leftPaddedReward(model, leftPadded, text.length);

    assertThat((double) right).isCloseTo(alone, within(1e-5));
    assertThat((double) left).isCloseTo(alone, within(1e-5));
    // and the pad id does not matter: the padded slots are masked, not read
    long[][] otherPad = {pad(text, 15, false), range(15, 40)};
    Arrays.fill(otherPad[0], text.length, 15, 255);
    assertThat((double) rewards(model, otherPad, new int[] {text.length, 15}, true)[0])
        .isCloseTo(alone, within(1e-5));
  }

  @Test
  void savedCheckpointHasTheSequenceClassificationLayoutAndReloadsToIdenticalScores()
      throws Exception {
    RewardModel model = tiny(Architecture.QWEN2, 3);
    Path dir = tmp.resolve("rm");
    RewardModelCheckpoint.save(model, null, dir);

    JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
    assertThat(config.get("architectures").get(0).asText())
        .isEqualTo("Qwen2ForSequenceClassification");
    assertThat(config.get("id2label").toString()).isEqualTo("{\"0\":\"LABEL_0\"}");
    assertThat(config.get("label2id").toString()).isEqualTo("{\"LABEL_0\":0}");
    assertThat(config.get("model_type").asText()).isEqualTo("qwen2");
    try (SafetensorsWeights w = SafetensorsWeights.open(dir)) {
      assertThat(w.names()).contains("score.weight", "model.embed_tokens.weight");
      assertThat(w.names()).doesNotContain("lm_head.weight");
      assertThat(w.entry("score.weight").shape()).containsExactly(1, 64);
    }
    assertThat(RewardModelCheckpoint.isRewardModel(dir)).isTrue();

    RewardModel reloaded = RewardModelCheckpoint.load(dir, Devices.cpu(), ScalarType.Float);
    assertThat(rewards(reloaded, IDS, LENGTHS, true))
        .containsExactly(rewards(model, IDS, LENGTHS, true));
  }

  @Test
  void aCausalLmGetsASeededNormalHeadAndIsNoRewardModelByItself() throws Exception {
    Path lm = tmp.resolve("lm");
    ModelConfig c = ModelPresets.create("small", Architecture.LLAMA, 300);
    CausalLm causal =
        new CausalLm(
            c,
            new RandomInit(c, 1, Devices.cpu(), ScalarType.Float),
            Devices.cpu(),
            ScalarType.Float);
    CausalLmCheckpoint.save(
        causal,
        new GenerationConfig(null, List.of(), null, null, null, null, null, null),
        null,
        lm);

    RewardModel a =
        RewardModelCheckpoint.fromPretrained(lm, Devices.cpu(), ScalarType.Float, 11, 0);
    RewardModel b =
        RewardModelCheckpoint.fromPretrained(lm, Devices.cpu(), ScalarType.Float, 11, 0);
    RewardModel other =
        RewardModelCheckpoint.fromPretrained(lm, Devices.cpu(), ScalarType.Float, 12, 0);
    float[] head = Tensors.toFloats(a.score());
    assertThat(head).containsExactly(Tensors.toFloats(b.score()));
    assertThat(head).isNotEqualTo(Tensors.toFloats(other.score()));
    double mean = 0;
    double sq = 0;
    for (float v : head) {
      mean += v / head.length;
      sq += (double) v * v / head.length;
    }
    double std = Math.sqrt(sq - mean * mean);
    // 256 draws of normal(0, 0.02): the sample std is within 15% of 0.02 with high probability
    assertThat(std).isBetween(0.017, 0.023);
    assertThat(Math.abs(mean)).isLessThan(0.005);
    assertThat(a.config().padTokenId()).isEqualTo(0);

    assertThatThrownBy(() -> RewardModelCheckpoint.load(lm, Devices.cpu(), ScalarType.Float))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("is not a reward model")
        .hasMessageContaining("LlamaForCausalLM");
  }

  @Test
  void moreThanOneLabelIsRefusedNamingTheField() throws Exception {
    RewardModel model = tiny(Architecture.LLAMA, 3);
    Path dir = tmp.resolve("two-labels");
    RewardModelCheckpoint.save(model, null, dir);
    Path config = dir.resolve("config.json");
    ObjectNode json = (ObjectNode) JSON.readTree(config.toFile());
    json.putObject("id2label").put("0", "LABEL_0").put("1", "LABEL_1");
    json.remove("label2id");
    JSON.writeValue(config.toFile(), json);
    assertThatThrownBy(() -> RewardModelCheckpoint.load(dir, Devices.cpu(), ScalarType.Float))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("num_labels 1")
        .hasMessageContaining("2 labels");
  }

  static RewardModel tiny(Architecture a, long seed) {
    ModelConfig c = ModelPresets.create("tiny", a, 300);
    RandomInit init = new RandomInit(c, seed, Devices.cpu(), ScalarType.Float);
    // a head larger than initializer_range gives rewards far enough from 0 to compare
    Generator generator = torch.createCPUGenerator(seed);
    ParameterSource head =
        (name, shape, kind) ->
            Scopes.persistent(
                () ->
                    Tensors.zeros(shape, ScalarType.Float, Devices.cpu())
                        .normal_(0.0, 1.0, new GeneratorOptional(generator)));
    return new RewardModel(c, init, head, Devices.cpu(), ScalarType.Float);
  }

  /** Rewards of right-padded rows (positions 0.. per row; padding masked when {@code padded}). */
  static float[] rewards(RewardModel model, long[][] ids, int[] lengths, boolean padded) {
    int batch = ids.length;
    int len = ids[0].length;
    long[][] positions = new long[batch][len];
    float[] mask = new float[batch * len];
    long[] last = new long[batch];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < len; t++) {
        positions[b][t] = t;
        mask[b * len + t] = t < lengths[b] ? 1 : 0;
      }
      last[b] = lengths[b] - 1;
    }
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      return Tensors.toFloats(
          model.forward(
              Tensors.longs(ids, Devices.cpu()),
              Tensors.longs(positions, Devices.cpu()),
              padded
                  ? Tensors.floats(mask, new long[] {batch, len}, Devices.cpu()).to(ScalarType.Bool)
                  : null,
              Tensors.longs(last, Devices.cpu())));
    }
  }

  /** Row 0 left-padded to the batch width; its last real token is the row's last. */
  private static float leftPaddedReward(RewardModel model, long[][] ids, int realLength) {
    int len = ids[0].length;
    long[][] positions = new long[2][len];
    float[] mask = new float[2 * len];
    for (int t = 0; t < len; t++) {
      int pad = len - realLength;
      positions[0][t] = t < pad ? 1 : t - pad;
      mask[t] = t < pad ? 0 : 1;
      positions[1][t] = t;
      mask[len + t] = 1;
    }
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      return Tensors.toFloats(
          model.forward(
              Tensors.longs(ids, Devices.cpu()),
              Tensors.longs(positions, Devices.cpu()),
              Tensors.floats(mask, new long[] {2, len}, Devices.cpu()).to(ScalarType.Bool),
              Tensors.longs(new long[] {len - 1, len - 1}, Devices.cpu())))[0];
    }
  }

  private static long[] pad(long[] text, int width, boolean left) {
    long[] row = new long[width];
    System.arraycopy(text, 0, row, left ? width - text.length : 0, text.length);
    return row;
  }

  private static long[] range(int n, int from) {
    long[] row = new long[n];
    for (int i = 0; i < n; i++) {
      row[i] = from + i;
    }
    return row;
  }
}

package ai.brandtune.train.dpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.data.EncodedPreference;
import ai.brandtune.data.PreferenceBatch;
import ai.brandtune.data.PreferenceCollator;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.CausalLmCheckpoint;
import ai.brandtune.model.lora.LoraConfig;
import ai.brandtune.model.lora.LoraModel;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import ai.brandtune.text.HfTokenizer;
import ai.brandtune.train.BatchLoss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The objective on a real batch whose first record has two rejected copies: each rejected row is
 * paired with its record's chosen row, and loss and metrics equal the formulas applied to log-probs
 * computed independently (full logits, float64 log-softmax) from the LoRA policy and its base.
 */
class DpoObjectiveTest {
  @TempDir static Path tmp;
  static Path model;
  static Path data;

  @BeforeAll
  static void setUp() throws IOException {
    model = DpoFixtures.tinyModel(tmp);
    data = DpoFixtures.preferenceData(tmp.resolve("pairs.jsonl"));
  }

  @ParameterizedTest(name = "{0} rpo_alpha={1}")
  @CsvSource({"sigmoid, 0", "sigmoid, 0.5", "ipo, 0", "hinge, 0"})
  void pairsEveryRejectedWithItsChosenAndMatchesTheFormulas(String type, double alpha) {
    DpoConfig config =
        DpoFixtures.config(
            model, data, tmp.resolve("out"), "loss_type=" + type, "rpo_alpha=" + alpha);
    List<EncodedPreference> examples;
    PreferenceBatch batch;
    try (HfTokenizer tokenizer = HfTokenizer.load(model)) {
      examples = DpoTrainer.encode(config, tokenizer).train().subList(0, 3);
      batch = PreferenceCollator.forTokenizer(tokenizer).collate(examples);
    }
    assertThat(examples.get(0).rejectedCount()).isEqualTo(2);
    CausalLm policy = CausalLmCheckpoint.load(model, Devices.cpu(), ScalarType.Float);
    LoraModel lora =
        LoraModel.attach(policy, new LoraConfig(4, 8, 0.0, List.of("all-linear"), false), 3);
    randomizeB(lora, 4);

    // independent per-row log-probs: rows in batch order, [policy, reference]
    double[][] logps = new double[batch.rows()][2];
    for (int r = 0; r < batch.rows(); r++) {
      logps[r][0] = rowLogProb(policy, batch, r);
      try (LoraModel.AdaptersDisabled off = lora.disableAdapters()) {
        logps[r][1] = rowLogProb(policy, batch, r);
      }
    }
    DpoLoss loss = config.loss();
    double beta = loss.beta();
    double expected = 0;
    double margins = 0;
    double wins = 0;
    double nllSum = 0;
    int pairs = 0;
    for (int r = 0; r < batch.rows(); r++) {
      if (batch.rowRejected()[r] < 0) {
        continue;
      }
      int c = batch.rowExample()[r]; // chosen rows come first, in example order
      assertThat(batch.rowRejected()[c]).isEqualTo(-1);
      double lenC = tokens(batch, c);
      double lenR = tokens(batch, r);
      double nc = loss.averagesLogProbs() ? lenC : 1;
      double nr = loss.averagesLogProbs() ? lenR : 1;
      double chosenRatio = (logps[c][0] - logps[c][1]) / nc;
      double rejectedRatio = (logps[r][0] - logps[r][1]) / nr;
      double z = chosenRatio - rejectedRatio;
      double nll = -logps[c][0] / lenC;
      expected +=
          switch (loss.type()) {
                case SIGMOID -> -DpoLossTest.logSigmoid(beta * z);
                case IPO -> (z - 1 / (2 * beta)) * (z - 1 / (2 * beta));
                case HINGE -> Math.max(0, 1 - beta * z);
                case ROBUST -> throw new AssertionError();
              }
              + alpha * nll;
      margins += beta * z;
      wins += z > 0 ? 1 : 0;
      nllSum += nll;
      pairs++;
    }
    assertThat(pairs).isEqualTo(4);

    DpoObjective objective =
        new DpoObjective(policy, ReferenceModel.adaptersOff(lora), config.loss());
    DpoBatch dpoBatch = new DpoBatch(batch, null);
    assertThat(objective.units(dpoBatch)).isEqualTo(4);
    try (PointerScope s = new PointerScope()) {
      BatchLoss actual = objective.loss(dpoBatch);
      assertThat(actual.summed().item_double()).isCloseTo(expected, within(1e-4 * pairs));
      assertThat(actual.metricSums().get("rewards/margins")).isCloseTo(margins, within(1e-4));
      assertThat(actual.metricSums().get("rewards/accuracies")).isEqualTo(wins);
      if (alpha > 0) {
        assertThat(actual.metricSums().get("nll_loss")).isCloseTo(nllSum, within(1e-4));
      } else {
        assertThat(actual.metricSums()).doesNotContainKey("nll_loss");
      }
    }
    assertThat(lora.adaptersEnabled())
        .as("the reference pass switched the adapters back on")
        .isTrue();
  }

  /** Completion tokens of row r: those after position 0 in the mask. */
  private static int tokens(PreferenceBatch batch, int r) {
    int n = 0;
    for (int t = 1; t < batch.length(); t++) {
      n += batch.completionMask()[r][t] ? 1 : 0;
    }
    return n;
  }

  /** Row r alone, unpadded, through the plain forward pass; log-softmax in float64. */
  private static double rowLogProb(CausalLm model, PreferenceBatch batch, int r) {
    int length = batch.lastIndex()[r] + 1;
    long[] ids = java.util.Arrays.copyOf(batch.inputIds()[r], length);
    long[] positions = new long[length];
    java.util.Arrays.setAll(positions, t -> t);
    float[] logits;
    long vocab;
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      Tensor out =
          model.forward(
              Tensors.longs(new long[][] {ids}, Devices.cpu()),
              Tensors.longs(new long[][] {positions}, Devices.cpu()),
              null,
              null);
      vocab = out.size(2);
      logits = Tensors.toFloats(out);
    }
    double sum = 0;
    for (int t = 1; t < length; t++) {
      if (!batch.completionMask()[r][t]) {
        continue;
      }
      int base = (int) ((t - 1) * vocab);
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < vocab; k++) {
        max = Math.max(max, logits[base + k]);
      }
      double z = 0;
      for (int k = 0; k < vocab; k++) {
        z += Math.exp(logits[base + k] - max);
      }
      sum += logits[base + (int) ids[t]] - max - Math.log(z);
    }
    return sum;
  }

  private static void randomizeB(LoraModel lora, long seed) {
    Random rnd = new Random(seed);
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      for (var adapter : lora.adapters().values()) {
        long[] shape = Tensors.shape(adapter.b());
        float[] v = new float[(int) (shape[0] * shape[1])];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (0.05 * rnd.nextGaussian());
        }
        adapter.b().copy_(Tensors.floats(v, shape, Devices.cpu()));
      }
    }
  }
}

package ai.brandtune.train.dpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.train.MetricsLog;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainingResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DPO end to end on the tiny model: the policy == reference start, learning, resume. */
class DpoTrainerTest {
  @TempDir static Path tmp;
  static Path model;
  static Path data;

  @BeforeAll
  static void setUp() throws IOException {
    model = DpoFixtures.tinyModel(tmp);
    data = DpoFixtures.preferenceData(tmp.resolve("pairs.jsonl"));
  }

  private static List<JsonNode> trainRecords(Path out) {
    return MetricsLog.read(out.resolve(MetricsLog.FILE)).stream()
        .filter(r -> r.has("loss"))
        .toList();
  }

  /**
   * Before the first update the policy is the reference, so every pair's log-ratio margin is 0 and
   * the sigmoid loss is log 2, whichever way the reference is obtained.
   */
  @ParameterizedTest(name = "{0}, precompute_ref_log_probs={1} {2}")
  @CsvSource({
    "lora, false, lora_rank=4",
    "lora, true, seed=1",
    "full, false, seed=1",
    "full, true, seed=1"
  })
  void atStepZeroTheLossIsLogTwoAndTheMarginZero(String type, boolean precompute, String extra) {
    Path out = tmp.resolve("zero-" + type + "-" + precompute);
    DpoConfig config =
        DpoFixtures.config(
            model,
            data,
            out,
            "finetuning_type=" + type,
            "precompute_ref_log_probs=" + precompute,
            "per_device_train_batch_size=12",
            "max_steps=1",
            extra);
    TrainingResult result = DpoTrainer.run(config, StopSignal.manual());
    assertThat(result.stepLosses().get(0)).isCloseTo(Math.log(2), within(1e-6));
    JsonNode step = trainRecords(out).get(0);
    assertThat(step.get("loss").asDouble()).isCloseTo(Math.log(2), within(1e-6));
    assertThat(step.get("rewards/margins").asDouble()).isCloseTo(0, within(1e-7));
    assertThat(step.get("rewards/chosen").asDouble()).isCloseTo(0, within(1e-7));
    assertThat(step.get("rewards/rejected").asDouble()).isCloseTo(0, within(1e-7));
    assertThat(step.get("rewards/accuracies").asDouble()).isZero(); // ties are not wins
    assertThat(step.get("logps/chosen").asDouble()).as("log-probs are real").isLessThan(-10);
    assertThat(step.get("logps/rejected").asDouble()).isLessThan(-10);
  }

  /** After training on twelve records (thirteen pairs) the policy prefers every chosen copy. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"lora, 2e-2, 12", "full, 2e-3, 8"})
  void learnsToPreferTheChosenCopies(String type, double lr, int steps) {
    Path out = tmp.resolve("learn-" + type);
    DpoConfig config =
        DpoFixtures.config(
            model,
            data,
            out,
            "finetuning_type=" + type,
            "eval_dataset=" + data,
            "learning_rate=" + lr,
            "lr_scheduler_type=constant",
            "per_device_train_batch_size=4",
            "max_steps=" + steps,
            "beta=0.1");
    TrainingResult result = DpoTrainer.run(config, StopSignal.manual());
    List<JsonNode> records = MetricsLog.read(out.resolve(MetricsLog.FILE));
    JsonNode eval = records.stream().filter(r -> r.has("eval_loss")).reduce((a, b) -> b).get();
    System.out.println(type + " DPO after " + result.globalStep() + " steps: " + eval);
    assertThat(eval.get("eval_rewards/accuracies").asDouble())
        .as("train-set accuracy after training")
        .isGreaterThanOrEqualTo(0.9);
    assertThat(eval.get("eval_rewards/margins").asDouble()).as("mean margin").isPositive();
    assertThat(eval.get("eval_loss").asDouble()).isLessThan(Math.log(2) / 2);
    assertThat(result.stepLosses().get(result.stepLosses().size() - 1))
        .isLessThan(result.stepLosses().get(0));
    if (type.equals("lora")) {
      assertThat(out.resolve("adapter_model.safetensors")).isNotEmptyFile();
    } else {
      assertThat(out.resolve("model.safetensors")).isNotEmptyFile();
    }
  }

  /**
   * Precomputed reference log-probs are recomputed on resume from the base weights, not from the
   * checkpoint the policy resumes from, so a stopped and resumed run equals a straight one.
   */
  @Test
  void aResumedRunWithPrecomputedReferenceEqualsAStraightRun() {
    String[] common = {
      "finetuning_type=full",
      "precompute_ref_log_probs=true",
      "learning_rate=2e-3",
      "per_device_train_batch_size=4",
      "max_steps=4",
      "save_steps=2"
    };
    TrainingResult straight =
        DpoTrainer.run(
            DpoFixtures.config(model, data, tmp.resolve("straight"), common), StopSignal.manual());
    Path out = tmp.resolve("resumed");
    DpoConfig config = DpoFixtures.config(model, data, out, common);
    TrainingResult first = DpoTrainer.run(config, StopSignal.atStep(2));
    assertThat(first.stopped()).isTrue();
    TrainingResult rest =
        DpoTrainer.run(
            DpoFixtures.config(model, data, out, concat(common, "resume_from_checkpoint=auto")),
            StopSignal.manual());
    assertThat(rest.startStep()).isEqualTo(2);
    assertThat(first.stepLosses()).containsExactlyElementsOf(straight.stepLosses().subList(0, 2));
    assertThat(rest.stepLosses()).containsExactlyElementsOf(straight.stepLosses().subList(2, 4));
    assertThat(straight.stepLosses().get(3)).isNotEqualTo(straight.stepLosses().get(0));
  }

  private static String[] concat(String[] a, String b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }
}

package ai.brandtune.train.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.data.EncodedPreference;
import ai.brandtune.data.PreferenceDataset;
import ai.brandtune.data.PreferenceEncoder;
import ai.brandtune.data.PreferenceExample;
import ai.brandtune.model.RewardModelCheckpoint;
import ai.brandtune.tensor.Devices;
import ai.brandtune.text.HfTokenizer;
import ai.brandtune.train.MetricsLog;
import ai.brandtune.train.StopSignal;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance run: the tiny model learns the synthetic brand rule to >= 0.95 held-out accuracy,
 * logs its evaluation, and what it saves (the SequenceClassification checkpoint, or the LoRA
 * adapter with its head) reloads to the scores it had in training.
 */
class RewardTrainingTest {
  @TempDir static Path tmp;
  private static Path model;
  private static Path train;
  private static Path eval;

  @BeforeAll
  static void data() throws Exception {
    model = SyntheticPreferences.tinyModel(tmp);
    train = SyntheticPreferences.write(tmp.resolve("train.jsonl"), 160, 1, false);
    eval = SyntheticPreferences.write(tmp.resolve("eval.jsonl"), 40, 2, true);
  }

  @Test
  void fullTrainingLearnsTheRuleAndTheCheckpointReloadsToIdenticalScores() throws Exception {
    Path out = tmp.resolve("rm-full");
    RewardConfig config =
        SyntheticPreferences.config(
            model,
            train,
            eval,
            out,
            "finetuning_type=full",
            "learning_rate=3e-3",
            "lr_scheduler_type=constant",
            "warmup_steps=3",
            "per_device_train_batch_size=16",
            "max_steps=16",
            "eval_steps=8",
            "save_steps=1000");
    RewardTrainingResult result = RewardTrainer.run(config, StopSignal.manual());

    RewardEvaluation.Report report = result.evaluation();
    assertThat(report.examples()).isEqualTo(40);
    assertThat(report.accuracy()).as("held-out pairwise accuracy").isGreaterThanOrEqualTo(0.95);
    assertThat(report.byType()).containsKeys("exaggerated", "weak");
    assertThat(report.margin()).isPositive();
    List<JsonNode> evals =
        MetricsLog.read(out.resolve(MetricsLog.FILE)).stream()
            .filter(n -> n.has("eval_accuracy"))
            .toList();
    assertThat(evals).hasSize(2);
    assertThat(evals.get(1).get("eval_accuracy/exaggerated").asDouble()).isGreaterThan(0.9);
    assertThat(evals.get(1).has("eval_best_of_k_accuracy")).isTrue();
    assertThat(out.resolve(ScoreHistogram.FILE)).isRegularFile();
    assertThat(RewardModelCheckpoint.isRewardModel(out)).isTrue();

    // the saved checkpoint, scored afresh with another batch size, gives the training scores
    try (RewardScorer scorer =
        RewardScorer.open(
            out,
            Devices.cpu(),
            ScalarType.Float,
            new RewardScorer.Options(7, config.encoderOptions()))) {
      RewardEvaluation.Report again = RewardEvaluation.of(scorer.scorePreferences(encoded(out)));
      assertThat(again.accuracy()).isEqualTo(report.accuracy());
      assertThat(again.margin()).isCloseTo(report.margin(), within(1e-5));
      assertThat(again.meanChosen()).isCloseTo(report.meanChosen(), within(1e-5));
      // a (prompt, response) pair renders as training rendered the record's chosen copy
      PreferenceExample first =
          PreferenceDataset.read(eval, BadRecordPolicy.ERROR).examples().get(0);
      assertThat(scorer.score(first.prompt(), first.chosen()))
          .isCloseTo(
              scorer.scorePreferences(encoded(out).subList(0, 1)).get(0).chosen(), within(1e-5));
    }
  }

  @Test
  void loraAdapterWithItsHeadReloadsToIdenticalScores() throws Exception {
    Path out = tmp.resolve("rm-lora");
    RewardConfig config =
        SyntheticPreferences.config(
            model,
            train,
            eval,
            out,
            "finetuning_type=lora",
            "lora_rank=4",
            "learning_rate=5e-3",
            "lr_scheduler_type=constant",
            "per_device_train_batch_size=8",
            "max_steps=3",
            "save_steps=1000");
    RewardTrainingResult result = RewardTrainer.run(config, StopSignal.manual());
    assertThat(out.resolve("adapter_config.json")).isRegularFile();
    assertThat(Files.readString(out.resolve("adapter_config.json"))).contains("SEQ_CLS");

    try (RewardScorer scorer =
        RewardScorer.open(
            out,
            Devices.cpu(),
            ScalarType.Float,
            new RewardScorer.Options(5, config.encoderOptions()))) {
      RewardEvaluation.Report again = RewardEvaluation.of(scorer.scorePreferences(encoded(out)));
      assertThat(again.accuracy()).isEqualTo(result.evaluation().accuracy());
      assertThat(again.margin()).isCloseTo(result.evaluation().margin(), within(1e-5));
      assertThat(again.meanChosen()).isCloseTo(result.evaluation().meanChosen(), within(1e-5));
    }
  }

  @Test
  void aStoppedRunResumesToTheSameLossesAndScores() throws Exception {
    String[] common = {
      "finetuning_type=full",
      "learning_rate=2e-3",
      "per_device_train_batch_size=4",
      "max_steps=6",
      "save_steps=3",
      "loss_type=softmax",
      "center_rewards_coefficient=0.01",
      "seed=5"
    };
    Path straight = tmp.resolve("resume-straight");
    Path split = tmp.resolve("resume-split");
    RewardTrainingResult full =
        RewardTrainer.run(
            SyntheticPreferences.config(model, train, eval, straight, common), StopSignal.manual());
    RewardTrainingResult first =
        RewardTrainer.run(
            SyntheticPreferences.config(model, train, eval, split, common), StopSignal.atStep(3));
    assertThat(first.training().stopped()).isTrue();
    String[] resumed = java.util.Arrays.copyOf(common, common.length + 1);
    resumed[common.length] = "resume_from_checkpoint=auto";
    RewardTrainingResult rest =
        RewardTrainer.run(
            SyntheticPreferences.config(model, train, eval, split, resumed), StopSignal.manual());
    assertThat(rest.training().stepLosses())
        .containsExactlyElementsOf(full.training().stepLosses().subList(3, 6));
    assertThat(rest.evaluation().margin()).isEqualTo(full.evaluation().margin());
  }

  private static List<EncodedPreference> encoded(Path tokenizerDir) {
    try (HfTokenizer tokenizer = HfTokenizer.load(tokenizerDir)) {
      return new PreferenceEncoder(
              tokenizer, SyntheticPreferences.config(model, train, eval, tmp).encoderOptions())
          .encodeAll(
              PreferenceDataset.read(eval, BadRecordPolicy.ERROR).examples(),
              BadRecordPolicy.ERROR);
    }
  }
}

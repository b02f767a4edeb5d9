package ai.brandtune.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  private static TrainingArguments.Builder args(Path dir) {
    return TrainingArguments.builder(dir)
        .maxSteps(20)
        .gradientAccumulationSteps(2)
        .learningRate(0.05)
        .lrSchedulerType(LrSchedule.Type.COSINE)
        .warmupSteps(3)
        .seed(7)
        .saveSteps(5);
  }

  private static TrainingResult run(TrainingArguments a, ToyRegression toy, StopSignal stop) {
    return new Trainer<>(a, toy, toy, toy, List.<float[][]>of(toy.batch(0, 0))).train(stop);
  }

  @Test
  void stoppedAndResumedRunMatchesTheStraightRunExactly(@TempDir Path tmp) {
    ToyRegression straightToy = new ToyRegression(7, 0.3, 2);
    TrainingResult straight = run(args(tmp.resolve("a")).build(), straightToy, StopSignal.manual());
    assertThat(straight.stepLosses()).hasSize(20);

    Path out = tmp.resolve("b");
    TrainingResult first =
        run(args(out).build(), new ToyRegression(7, 0.3, 2), StopSignal.atStep(12));
    assertThat(first.stopped()).isTrue();
    assertThat(first.lastCheckpoint()).isEqualTo(out.resolve("checkpoint-12"));

    ToyRegression resumedToy = new ToyRegression(7, 0.3, 2); // fresh weights: all state from disk
    TrainingResult resumed =
        run(args(out).resumeFrom("auto").build(), resumedToy, StopSignal.manual());
    assertThat(resumed.startStep()).isEqualTo(12);
    assertThat(first.stepLosses()).containsExactlyElementsOf(straight.stepLosses().subList(0, 12));
    assertThat(resumed.stepLosses())
        .containsExactlyElementsOf(straight.stepLosses().subList(12, 20));
    assertThat(resumedToy.weights()).containsExactly(straightToy.weights());

    // the metrics read as one run: steps 1..20 once each, evals at the end
    List<JsonNode> records = MetricsLog.read(out.resolve(MetricsLog.FILE));
    List<Integer> trainSteps =
        records.stream().filter(r -> r.has("loss")).map(r -> r.get("step").asInt()).toList();
    assertThat(trainSteps)
        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
    JsonNode last = records.stream().filter(r -> r.has("loss")).reduce((a, b) -> b).orElseThrow();
    assertThat(last.get("loss").asDouble()).isCloseTo(straight.stepLosses().get(19), within(1e-12));
    assertThat(last.fieldNames())
        .toIterable()
        .contains("step", "epoch", "loss", "lr", "grad_norm", "tokens_per_s", "elapsed");
    assertThat(records.stream().filter(r -> r.has("eval_loss")).count()).isEqualTo(1);
    assertThat(out.resolve(LossCurve.FILE)).isNotEmptyFile();
  }

  @Test
  void trainingReducesTheLoss(@TempDir Path tmp) {
    TrainingResult r =
        run(args(tmp).maxSteps(60).build(), new ToyRegression(1, 0.0, 2), StopSignal.manual());
    assertThat(r.stepLosses().get(59)).isLessThan(r.stepLosses().get(0) / 10);
    assertThat(r.evalLoss()).isLessThan(r.stepLosses().get(0) / 10);
  }

  @Test
  void accumulatedMicroBatchesEqualOneBigBatch(@TempDir Path tmp) {
    ToyRegression accumulated = new ToyRegression(3, 0.0, 2);
    TrainingResult a =
        run(
            args(tmp.resolve("a")).maxSteps(4).gradientAccumulationSteps(3).build(),
            accumulated,
            StopSignal.manual());
    ToyRegression whole = new ToyRegression(3, 0.0, 6);
    TrainingResult b =
        run(
            args(tmp.resolve("b")).maxSteps(4).gradientAccumulationSteps(1).build(),
            whole,
            StopSignal.manual());
    for (int i = 0; i < 4; i++) {
      assertThat(a.stepLosses().get(i)).isCloseTo(b.stepLosses().get(i), within(1e-6));
    }
    float[] wa = accumulated.weights();
    float[] wb = whole.weights();
    for (int i = 0; i < wa.length; i++) {
      assertThat(wa[i]).isCloseTo(wb[i], within(1e-6f));
    }
  }

  @Test
  void keepsTheNewestCheckpointsOnly(@TempDir Path tmp) {
    run(
        args(tmp).maxSteps(10).saveSteps(3).saveTotalLimit(2).build(),
        new ToyRegression(7, 0.0, 2),
        StopSignal.manual());
    assertThat(new Checkpoints(tmp).list())
        .containsExactly(tmp.resolve("checkpoint-10"), tmp.resolve("checkpoint-9"));
  }

  @Test
  void aTruncatedCheckpointIsSkippedForThePreviousOne(@TempDir Path tmp) throws IOException {
    run(
        args(tmp).maxSteps(10).saveSteps(5).build(),
        new ToyRegression(7, 0.0, 2),
        StopSignal.atStep(10));
    Path newest = tmp.resolve("checkpoint-10").resolve("toy.safetensors");
    try (FileChannel ch = FileChannel.open(newest, StandardOpenOption.WRITE)) {
      ch.truncate(Files.size(newest) - 4);
    }
    assertThat(new Checkpoints(tmp).latestValid()).contains(tmp.resolve("checkpoint-5"));

    TrainingResult resumed =
        run(
            args(tmp).maxSteps(10).saveSteps(5).resumeFrom("auto").build(),
            new ToyRegression(7, 0.0, 2),
            StopSignal.manual());
    assertThat(resumed.startStep()).isEqualTo(5);
    assertThat(resumed.stepLosses()).hasSize(5);
  }

  @Test
  void aCheckpointMissingAFileIsInvalid(@TempDir Path tmp) throws IOException {
    run(
        args(tmp).maxSteps(5).saveSteps(5).build(),
        new ToyRegression(7, 0.0, 2),
        StopSignal.manual());
    Path dir = tmp.resolve("checkpoint-5");
    Files.delete(dir.resolve(AdamWOptimizer.DECAY_FILE));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Checkpoints.validate(dir))
        .hasMessageContaining(AdamWOptimizer.DECAY_FILE)
        .hasMessageContaining("missing");
  }
}

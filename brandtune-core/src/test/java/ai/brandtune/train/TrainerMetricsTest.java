package ai.brandtune.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An objective's named metrics reach metrics.jsonl as per-unit means, like the loss. */
class TrainerMetricsTest {

  /** The toy regression, also reporting its squared error and a constant 1 per unit. */
  private static final class Reporting implements TrainingObjective<float[][]> {
    private final ToyRegression toy;

    Reporting(ToyRegression toy) {
      this.toy = toy;
    }

    @Override
    public long units(float[][] batch) {
      return toy.units(batch);
    }

    @Override
    public long tokens(float[][] batch) {
      return toy.tokens(batch);
    }

    @Override
    public Tensor summedLoss(float[][] batch) {
      return toy.summedLoss(batch);
    }

    @Override
    public BatchLoss loss(float[][] batch) {
      Tensor summed = toy.summedLoss(batch);
      Map<String, Double> sums = new LinkedHashMap<>();
      sums.put("toy/sq_err", summed.item_double());
      sums.put("toy/one", (double) batch.length);
      return new BatchLoss(summed, sums);
    }
  }

  @Test
  void metricsAreLoggedPerUnitAndAveragedOverTheLoggingInterval(@TempDir Path tmp) {
    ToyRegression toy = new ToyRegression(5, 0.0, 2);
    TrainingArguments args =
        TrainingArguments.builder(tmp)
            .maxSteps(6)
            .gradientAccumulationSteps(3)
            .loggingSteps(2)
            .learningRate(0.05)
            .saveSteps(0)
            .build();
    new Trainer<>(args, toy, new Reporting(toy), toy, List.<float[][]>of(toy.batch(0, 0)))
        .train(StopSignal.manual());

    List<JsonNode> records = MetricsLog.read(tmp.resolve(MetricsLog.FILE));
    List<JsonNode> train = records.stream().filter(r -> r.has("loss")).toList();
    assertThat(train).hasSize(3);
    for (JsonNode r : train) {
      assertThat(r.get("toy/one").asDouble()).isEqualTo(1.0);
      assertThat(r.get("toy/sq_err").asDouble())
          .as("the same per-unit mean as the loss")
          .isCloseTo(r.get("loss").asDouble(), within(1e-6));
    }
    List<String> keys = new java.util.ArrayList<>();
    train.get(0).fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsSubsequence("loss", "toy/sq_err", "toy/one", "lr");

    JsonNode eval = records.stream().filter(r -> r.has("eval_loss")).findFirst().orElseThrow();
    assertThat(eval.get("eval_toy/one").asDouble()).isEqualTo(1.0);
    assertThat(eval.get("eval_toy/sq_err").asDouble())
        .isCloseTo(eval.get("eval_loss").asDouble(), within(1e-6));
  }
}

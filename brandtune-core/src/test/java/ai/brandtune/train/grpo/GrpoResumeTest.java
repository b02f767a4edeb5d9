package ai.brandtune.train.grpo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.train.StopSignal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four steps straight against two, a stop, and a resume from the checkpoint for two more: steps 3
 * and 4 sample the same completions (same rewards) and take the same updates (same losses), bit for
 * bit on CPU, with two updates per generation batch and a KL term so every path runs.
 */
class GrpoResumeTest {
  @TempDir Path tmp;

  @Test
  void resumedRunRepeatsRewardsAndLosses() throws Exception {
    Path model = GrpoFixtures.tinyModel(tmp);
    Path data = GrpoFixtures.prompts(tmp.resolve("prompts.jsonl"));
    String[] keys = {
      "learning_rate=0.03",
      "beta=0.04",
      "max_steps=4",
      "num_iterations=2",
      "per_device_train_batch_size=16",
      "save_steps=2",
      "seed=11"
    };
    GrpoTrainingResult straight;
    try (StopSignal stop = StopSignal.manual()) {
      straight =
          GrpoTrainer.run(
              GrpoFixtures.config(model, data, tmp.resolve("straight"), keys),
              GrpoFixtures.registry(6),
              stop);
    }
    Path out = tmp.resolve("resumed");
    try (StopSignal stop = StopSignal.atStep(2)) {
      GrpoTrainingResult first =
          GrpoTrainer.run(
              GrpoFixtures.config(model, data, out, keys), GrpoFixtures.registry(6), stop);
      assertThat(first.training().stopped()).isTrue();
      assertThat(first.meanRewards()).isEqualTo(straight.meanRewards().subList(0, 2));
    }
    String[] resume = new String[keys.length + 1];
    System.arraycopy(keys, 0, resume, 0, keys.length);
    resume[keys.length] = "resume_from_checkpoint=auto";
    GrpoTrainingResult second;
    try (StopSignal stop = StopSignal.manual()) {
      second =
          GrpoTrainer.run(
              GrpoFixtures.config(model, data, out, resume), GrpoFixtures.registry(6), stop);
    }
    assertThat(second.training().startStep()).isEqualTo(2);
    assertThat(second.meanRewards()).isEqualTo(straight.meanRewards().subList(2, 4));
    assertThat(second.training().stepLosses())
        .isEqualTo(straight.training().stepLosses().subList(2, 4));
    assertThat(second.kl()).isEqualTo(straight.kl().subList(2, 4));
  }
}

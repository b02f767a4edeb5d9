package ai.brandtune.train.sft;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.io.SafetensorsWeights;
import ai.brandtune.io.TensorEntry;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainingResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bf16 mixed precision (autocast; CPU here, CUDA in production) computes in bf16 but keeps the
 * trained weights float32: the run still learns, its losses differ from the float32 run's (so
 * autocast really engaged), and the saved weights are float32.
 */
class SftMixedPrecisionTest {
  @TempDir Path tmp;

  @Test
  void bf16AutocastTrainsFloat32Weights() throws Exception {
    Path base = SftFixtures.tinyModel(tmp, false);
    Path data = SftFixtures.chatData(tmp.resolve("train.jsonl"));
    String[] common = {
      "finetuning_type=full", "max_steps=12", "learning_rate=3e-3", "per_device_train_batch_size=8"
    };
    TrainingResult fp32 =
        SftTrainer.run(
            SftFixtures.config(base, data, tmp.resolve("fp32"), common), StopSignal.manual());
    String[] withBf16 = java.util.Arrays.copyOf(common, common.length + 1);
    withBf16[common.length] = "bf16=true";
    TrainingResult bf16 =
        SftTrainer.run(
            SftFixtures.config(base, data, tmp.resolve("bf16"), withBf16), StopSignal.manual());

    assertThat(bf16.stepLosses().get(11)).isLessThan(bf16.stepLosses().get(0) * 0.8);
    assertThat(bf16.stepLosses().get(0))
        .isCloseTo(fp32.stepLosses().get(0), org.assertj.core.api.Assertions.within(0.05));
    assertThat(bf16.stepLosses()).isNotEqualTo(fp32.stepLosses());
    try (SafetensorsWeights w = SafetensorsWeights.open(tmp.resolve("bf16"))) {
      for (String name : w.names()) {
        TensorEntry e = w.entry(name);
        assertThat(e.dtype()).as(name).isEqualTo(ai.brandtune.tensor.DType.F32);
      }
    }
  }
}

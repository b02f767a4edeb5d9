package ai.brandtune.train.sft;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.io.PeftAdapterFiles;
import ai.brandtune.io.SafetensorsWeights;
import ai.brandtune.tensor.Tensors;
import ai.brandtune.train.LossCurve;
import ai.brandtune.train.MetricsLog;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty steps straight against ten, a stop, a resume from the checkpoint and ten more: the same
 * loss at every step and the same final weights, bit for bit (CPU, fp32), for LoRA with dropout (so
 * the RNG must replay) and for full fine-tuning.
 */
class SftResumeTest {
  @TempDir static Path tmp;
  static Path base;
  static Path data;

  @BeforeAll
  static void setUp() throws Exception {
    base = SftFixtures.tinyModel(tmp, false);
    data = SftFixtures.chatData(tmp.resolve("train.jsonl"));
  }

  private static SftConfig config(Path out, String type, String... extra) {
    String[] common = {
      "finetuning_type=" + type,
      "lora_rank=4",
      "lora_dropout=0.1",
      "learning_rate=2e-3",
      "warmup_ratio=0.1",
      "lr_scheduler_type=cosine",
      "per_device_train_batch_size=2",
      "gradient_accumulation_steps=2",
      "max_steps=20",
      "save_steps=5",
      "weight_decay=0.01",
      "seed=11"
    };
    String[] all = new String[common.length + extra.length];
    System.arraycopy(common, 0, all, 0, common.length);
    System.arraycopy(extra, 0, all, common.length, extra.length);
    return SftFixtures.config(base, data, out, all);
  }

  @Test
  void loraResumesExactly() throws Exception {
    Path straight = tmp.resolve("lora-straight");
    Path split = tmp.resolve("lora-split");
    TrainingResult full = SftTrainer.run(config(straight, "lora"), StopSignal.manual());
    TrainingResult first = SftTrainer.run(config(split, "lora"), StopSignal.atStep(10));
    assertThat(first.stopped()).isTrue();
    assertThat(Files.exists(split.resolve(PeftAdapterFiles.WEIGHTS)))
        .as("a stopped run writes no final model")
        .isFalse();
    TrainingResult rest =
        SftTrainer.run(config(split, "lora", "resume_from_checkpoint=auto"), StopSignal.manual());

    assertThat(rest.startStep()).isEqualTo(10);
    assertThat(first.stepLosses()).containsExactlyElementsOf(full.stepLosses().subList(0, 10));
    assertThat(rest.stepLosses()).containsExactlyElementsOf(full.stepLosses().subList(10, 20));
    assertSameWeights(
        straight.resolve(PeftAdapterFiles.WEIGHTS), split.resolve(PeftAdapterFiles.WEIGHTS));
    assertThat(split.resolve(PeftAdapterFiles.CONFIG)).exists();
    assertThat(split.resolve("tokenizer.json")).exists();
    assertThat(split.resolve(MetricsLog.FILE)).exists();
    assertThat(split.resolve(LossCurve.FILE)).isNotEmptyFile();
    assertThat(split.resolve(SftTrainer.CONFIG_FILE)).exists();
    assertThat(split.resolve("checkpoint-20").resolve(PeftAdapterFiles.WEIGHTS)).exists();
  }

  @Test
  void fullFineTuningResumesExactly() throws Exception {
    Path straight = tmp.resolve("full-straight");
    Path split = tmp.resolve("full-split");
    TrainingResult full = SftTrainer.run(config(straight, "full"), StopSignal.manual());
    SftTrainer.run(config(split, "full"), StopSignal.atStep(10));
    TrainingResult rest =
        SftTrainer.run(config(split, "full", "resume_from_checkpoint=auto"), StopSignal.manual());
    assertThat(rest.stepLosses()).containsExactlyElementsOf(full.stepLosses().subList(10, 20));
    assertSameWeights(straight.resolve("model.safetensors"), split.resolve("model.safetensors"));
    assertThat(split.resolve("config.json")).exists();
  }

  private static void assertSameWeights(Path a, Path b) {
    try (SafetensorsWeights wa = SafetensorsWeights.open(a);
        SafetensorsWeights wb = SafetensorsWeights.open(b)) {
      Set<String> names = wa.names();
      assertThat(wb.names()).isEqualTo(names);
      for (String name : names) {
        try (PointerScope s = new PointerScope()) {
          assertThat(Tensors.toFloats(wb.load(name)))
              .as(name)
              .containsExactly(Tensors.toFloats(wa.load(name)));
        }
      }
    }
  }
}

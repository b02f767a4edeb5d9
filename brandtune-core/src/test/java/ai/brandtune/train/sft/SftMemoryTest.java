package ai.brandtune.train.sft;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.data.BatchPlan;
import ai.brandtune.data.SftBatch;
import ai.brandtune.data.SftCollator;
import ai.brandtune.data.SftExample;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.CausalLmCheckpoint;
import ai.brandtune.tensor.Devices;
import ai.brandtune.text.HfTokenizer;
import ai.brandtune.train.FullTrainable;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.Trainer;
import ai.brandtune.train.TrainingArguments;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every training step frees its tensors: a long run must not grow native memory. */
class SftMemoryTest {
  @TempDir Path tmp;

  @Test
  void threeHundredTrainingStepsLeaveNoNativeObjectsBehind() throws Exception {
    Path base = SftFixtures.tinyModel(tmp, false);
    Path data = SftFixtures.chatData(tmp.resolve("train.jsonl"));
    SftConfig config = SftFixtures.config(base, data, tmp.resolve("out"));
    List<SftExample> examples;
    SftCollator collator;
    try (HfTokenizer tokenizer = HfTokenizer.load(base)) {
      examples = SftTrainer.encode(config, tokenizer).train();
      collator = SftCollator.forTokenizer(tokenizer);
    }
    CausalLm model = CausalLmCheckpoint.load(base, Devices.cpu(), ScalarType.Float);
    FullTrainable trainable = FullTrainable.of(model);
    int[] lengths = examples.stream().mapToInt(SftExample::length).toArray();
    SftBatches batches = new SftBatches(BatchPlan.padded(lengths, 2, true, 1), examples, collator);

    train(trainable, model, batches, 30, tmp.resolve("warmup")); // allocator pools settle
    System.gc();
    Thread.sleep(200); // JavaCPP frees GC'd pointers on its own thread
    long before = Pointer.physicalBytes();
    long pointersBefore = Pointer.totalCount();
    train(trainable, model, batches, 300, tmp.resolve("long"));
    long pointersLeft = Pointer.totalCount() - pointersBefore;
    System.gc();
    long grown = Pointer.physicalBytes() - before;

    // the run's own optimizer and checkpoint writer account for a handful of objects
    assertThat(pointersLeft).as("native objects left for the GC to free").isLessThan(100);
    assertThat(grown).as("physical bytes grown over 300 steps").isLessThan(50L * 1024 * 1024);
  }

  private static void train(
      FullTrainable trainable, CausalLm model, SftBatches batches, int steps, Path out) {
    TrainingArguments args =
        TrainingArguments.builder(out).maxSteps(steps).saveSteps(0).learningRate(1e-4).build();
    new Trainer<SftBatch>(args, trainable, new SftObjective(model), batches, List.of())
        .train(StopSignal.manual());
  }
}

package ai.brandtune.train.dpo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.model.Architecture;
import ai.brandtune.model.ModelConfig;
import ai.brandtune.model.ModelConfigJson;
import ai.brandtune.model.ModelCreator;
import ai.brandtune.tensor.Devices;
import ai.brandtune.text.ByteLevelTokenizer;
import ai.brandtune.text.HfTokenizer;
import ai.brandtune.train.StopSignal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoRA DPO takes its reference from the policy's own base weights: measured as the process's
 * resident memory, preparing and running it costs one copy of the model, while a separately loaded
 * reference (ref_model) costs two. The model is made large (about 90 MB of float32 weights) so a
 * copy stands far above the noise of everything else.
 */
class DpoMemoryTest {
  @TempDir static Path tmp;
  static Path model;
  static Path data;
  static long modelBytes;

  @BeforeAll
  static void setUp() throws IOException {
    Path tokenizer = tmp.resolve("tokenizer");
    ByteLevelTokenizer.writeTo(tokenizer);
    // two wide layers: 2 x (2 x 1024^2 attention + 2 x 1024 x 256 kv + 3 x 1024 x 2816 mlp)
    ModelConfig shape =
        new ModelConfig(
            Architecture.QWEN3,
            300,
            1024,
            2816,
            2,
            16,
            4,
            64,
            2048,
            1000000.0,
            null,
            1e-6,
            true,
            0.02,
            null,
            List.of(),
            null,
            "float32");
    Path configFile = tmp.resolve("config.json");
    ModelConfigJson.write(shape, configFile);
    model = tmp.resolve("wide");
    ModelConfig created =
        ModelCreator.create(
            new ModelCreator.Spec(
                null, configFile, Architecture.QWEN3, tokenizer, 7, ScalarType.Float, model));
    long params =
        (long) created.numHiddenLayers()
                * (2L * 1024 * 1024 + 2L * 1024 * 256 + 3L * 1024 * 2816 + 2 * 1024 + 2 * 64)
            + (long) created.vocabSize() * 1024
            + 1024;
    modelBytes = params * Float.BYTES;
    data = DpoFixtures.preferenceData(tmp.resolve("pairs.jsonl"));
  }

  /** Resident bytes after the garbage collector (and JavaCPP's deallocator thread) settle. */
  private static long resident() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return Pointer.physicalBytes();
  }

  /** Resident growth of preparing a LoRA DPO run and training two steps. */
  private static long growth(String name, String... extra) throws Exception {
    List<String> overrides =
        new java.util.ArrayList<>(
            List.of("finetuning_type=lora", "per_device_train_batch_size=4", "max_steps=2"));
    overrides.addAll(List.of(extra));
    DpoConfig config =
        DpoFixtures.config(model, data, tmp.resolve(name), overrides.toArray(String[]::new));
    try (HfTokenizer tokenizer = HfTokenizer.load(model)) {
      long before = resident();
      DpoTrainer.Session session = DpoTrainer.prepare(config, tokenizer, Devices.cpu());
      session.trainer().train(StopSignal.manual());
      long grown = resident() - before;
      if (extra.length == 0) {
        assertThat(session.reference().model()).isSameAs(session.policy());
        assertThat(session.reference().isSeparate()).isFalse();
      }
      return grown;
    }
  }

  @Test
  void loraUsesTheBaseAsReferenceWithoutASecondCopy() throws Exception {
    long lora = growth("lora");
    long separate = growth("separate", "ref_model=" + model);
    System.out.printf(
        "model %.1f MB; resident growth: LoRA reference %.1f MB, separate reference %.1f MB%n",
        modelBytes / 1e6, lora / 1e6, separate / 1e6);
    // the policy itself is loaded inside the measurement: one copy, not two
    assertThat(lora).as("LoRA DPO growth").isBetween(modelBytes * 8 / 10, modelBytes * 14 / 10);
    // the measurement does see a second copy when there is one
    assertThat(separate).as("growth with ref_model").isGreaterThan(modelBytes * 17 / 10);
  }
}

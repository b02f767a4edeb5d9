package ai.brandtune.train.dpo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.model.Architecture;
import ai.brandtune.model.ModelConfig;
import ai.brandtune.model.ModelConfigJson;
import ai.brandtune.model.ModelCreator;
import ai.brandtune.tensor.Devices;
import ai.brandtune.text.ByteLevelTokenizer;
import ai.brandtune.text.HfTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoRA DPO takes its reference from the policy's own base weights, with no second copy: measured as
 * the distinct weight storage the prepared run holds (policy, adapters, reference) and as the
 * process's resident-memory growth while preparing it, against a run with a separately loaded
 * reference ({@code ref_model}). The model is made large (about 90 MB of float32 weights) so a copy
 * stands far above the noise of everything else. Only preparation is measured: that is where a
 * reference model would be loaded, and training steps would only add allocator caching noise.
 */
class DpoMemoryTest {
  @TempDir static Path tmp;
  static Path model;
  static Path data;

  @BeforeAll
  static void setUp() throws IOException {
    Path tokenizer = tmp.resolve("tokenizer");
    ByteLevelTokenizer.writeTo(tokenizer);
    // two wide layers: about 22.7 M parameters
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
    ModelCreator.create(
        new ModelCreator.Spec(
            null, configFile, Architecture.QWEN3, tokenizer, 7, ScalarType.Float, model));
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

  /**
   * @param modelBytes the policy's own weights
   * @param heldBytes distinct storage of every weight the run holds: policy, trainable, reference
   * @param residentGrowth resident-memory growth while preparing the run (loading included)
   */
  private record Measured(long modelBytes, long heldBytes, long residentGrowth) {}

  private static Measured prepare(String name, String... extra) throws Exception {
    List<String> overrides = new ArrayList<>(List.of("finetuning_type=lora", "max_steps=1"));
    overrides.addAll(List.of(extra));
    DpoConfig config =
        DpoFixtures.config(model, data, tmp.resolve(name), overrides.toArray(String[]::new));
    try (HfTokenizer tokenizer = HfTokenizer.load(model)) {
      long before = resident();
      DpoTrainer.Session session = DpoTrainer.prepare(config, tokenizer, Devices.cpu());
      long grown = resident() - before;
      Map<Long, Long> storages = new HashMap<>();
      long modelBytes = add(storages, session.policy().parameters().values());
      add(storages, session.trainable().trainableParameters().values());
      add(storages, session.reference().model().parameters().values());
      long held = storages.values().stream().mapToLong(Long::longValue).sum();
      return new Measured(modelBytes, held, grown);
    }
  }

  /** Records each tensor's storage by address; returns the bytes of {@code tensors} alone. */
  private static long add(Map<Long, Long> storages, Collection<Tensor> tensors) {
    long bytes = 0;
    try (PointerScope s = new PointerScope()) {
      for (Tensor t : tensors) {
        storages.merge(t.data_ptr().address(), t.nbytes(), Math::max);
        bytes += t.nbytes();
      }
    }
    return bytes;
  }

  @Test
  void loraUsesTheBaseAsReferenceWithoutASecondCopy() throws Exception {
    Measured lora = prepare("lora");
    Measured separate = prepare("separate", "ref_model=" + model);
    System.out.printf(
        "model %.1f MB; weights held: LoRA %.1f MB, ref_model %.1f MB;"
            + " resident growth of preparing: LoRA %.1f MB, ref_model %.1f MB%n",
        lora.modelBytes() / 1e6,
        lora.heldBytes() / 1e6,
        separate.heldBytes() / 1e6,
        lora.residentGrowth() / 1e6,
        separate.residentGrowth() / 1e6);
    long m = lora.modelBytes();
    assertThat(m).as("a model big enough to see").isGreaterThan(80_000_000L);
    // the policy's weights plus rank-8 adapters (about 1% here), nothing else
    assertThat(lora.heldBytes()).as("LoRA run").isBetween(m, m + m / 20);
    assertThat(separate.heldBytes()).as("ref_model run").isGreaterThanOrEqualTo(2 * m);
    // loading the policy is the one copy the process grows by; allocator caching can only lower it
    assertThat(lora.residentGrowth()).as("resident growth, LoRA").isLessThan(m * 3 / 2);
  }
}

package ai.brandtune.model.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.SafetensorsFile;
import ai.brandtune.model.Architecture;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.ModelConfig;
import ai.brandtune.model.ModelPresets;
import ai.brandtune.model.RandomInit;
import ai.brandtune.model.RewardModel;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reward model's LoRA adapter in PEFT's SEQ_CLS layout: decoder adapters plus the score head as a
 * modules_to_save entry, reloaded onto a fresh base to identical scores.
 */
class RewardLoraModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long[][] IDS = {{3, 17, 5, 9, 1, 22, 30}, {7, 2, 11, 4, 19, 8, 6}};

  @TempDir Path tmp;

  /** The same base decoder every call; the head depends on {@code headSeed}. */
  private static RewardModel base(long headSeed) {
    ModelConfig c = ModelPresets.create("tiny", Architecture.QWEN3, 300);
    return new RewardModel(
        c,
        new RandomInit(c, 1, Devices.cpu(), ScalarType.Float),
        new RandomInit(c, headSeed, Devices.cpu(), ScalarType.Float),
        Devices.cpu(),
        ScalarType.Float);
  }

  private static RewardLoraModel trained() {
    RewardLoraModel lora =
        RewardLoraModel.attach(
            base(2), new LoraConfig(4, 8, 0.0, List.of(LoraConfig.ALL_LINEAR), false), 9);
    LoraFixtures.randomizeB(lora.lora(), 4); // as if trained: B = 0 would hide the adapters
    return lora;
  }

  @Test
  void onlyTheAdaptersAndTheHeadTrain() {
    RewardLoraModel lora = trained();
    Map<String, Tensor> trainable = lora.trainableParameters();
    assertThat(trainable).containsKey(RewardLoraModel.SCORE_KEY);
    assertThat(trainable.keySet()).filteredOn(k -> k.contains("lora_")).hasSize(2 * 2 * 7);
    assertThat(trainable.values()).allMatch(Tensor::requires_grad);
    assertThat(lora.model().decoder().embedTokens().requires_grad()).isFalse();
    assertThat(lora.model().decoder().linears().values())
        .allMatch(l -> !l.weight().requires_grad());
  }

  @Test
  void savesPeftsSequenceClassificationLayoutAndReloadsToIdenticalScores() throws Exception {
    RewardLoraModel lora = trained();
    Path dir = tmp.resolve("adapter");
    lora.save(dir, "models/base");

    JsonNode c = JSON.readTree(dir.resolve("adapter_config.json").toFile());
    assertThat(c.get("task_type").asText()).isEqualTo("SEQ_CLS");
    assertThat(c.get("modules_to_save").toString()).isEqualTo("[\"score\"]");
    assertThat(Files.readString(dir.resolve("adapter_config.json")))
        .contains("\"modules_to_save\": [\n    \"score\"\n  ],");
    try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("adapter_model.safetensors"))) {
      // PEFT's get_peft_model_state_dict: ModulesToSaveWrapper weights lose
      // "modules_to_save.default", so the head is saved under the module's own name
      assertThat(f.names()).contains("base_model.model.score.weight");
      assertThat(f.names()).noneMatch(n -> n.contains("modules_to_save") || n.contains("default"));
      assertThat(f.entry("base_model.model.score.weight").shape()).containsExactly(1, 64);
      assertThat(f.names()).hasSize(2 * 2 * 7 + 1);
    }

    float[] expected = rewards(lora.model());
    RewardLoraModel reloaded = RewardLoraModel.load(base(77), dir);
    assertThat(rewards(reloaded.model())).containsExactly(expected);
    assertThat(Tensors.toFloats(reloaded.model().score()))
        .containsExactly(Tensors.toFloats(lora.model().score()));

    reloaded.merge();
    float[] merged = rewards(reloaded.model());
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) merged[i]).isCloseTo(expected[i], within(1e-4));
    }
  }

  @Test
  void acceptsTheModulesToSavePeftWritesItselfAndRefusesOthers() throws Exception {
    Path dir = tmp.resolve("peft");
    trained().save(dir, "models/base");
    Path config = dir.resolve("adapter_config.json");
    ObjectNode json = (ObjectNode) JSON.readTree(config.toFile());
    json.putArray("modules_to_save").add("classifier").add("score"); // PeftModelForSeqCls adds both
    JSON.writeValue(config.toFile(), json);
    RewardLoraModel.load(base(3), dir);

    json.putArray("modules_to_save").add("score").add("lm_head");
    JSON.writeValue(config.toFile(), json);
    assertThatThrownBy(() -> RewardLoraModel.load(base(3), dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("modules_to_save")
        .hasMessageContaining("lm_head");
  }

  @Test
  void aRewardAdapterIsNotALanguageModelAdapter() throws Exception {
    Path dir = tmp.resolve("rm-adapter");
    trained().save(dir, "models/base");
    ModelConfig c = ModelPresets.create("tiny", Architecture.QWEN3, 300);
    CausalLm lm =
        new CausalLm(
            c,
            new RandomInit(c, 1, Devices.cpu(), ScalarType.Float),
            Devices.cpu(),
            ScalarType.Float);
    assertThatThrownBy(() -> LoraModel.load(lm, dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("task_type")
        .hasMessageContaining("SEQ_CLS");
  }

  @Test
  void anAdapterWithoutTheHeadIsRefusedNamingTheTensor() throws Exception {
    Path dir = tmp.resolve("no-head");
    LoraModel lm =
        LoraModel.attach(
            new CausalLm(
                ModelPresets.create("tiny", Architecture.QWEN3, 300),
                new RandomInit(
                    ModelPresets.create("tiny", Architecture.QWEN3, 300),
                    1,
                    Devices.cpu(),
                    ScalarType.Float),
                Devices.cpu(),
                ScalarType.Float),
            new LoraConfig(4, 8, 0.0, List.of(LoraConfig.ALL_LINEAR), false),
            1);
    lm.save(dir, "models/base");
    Path config = dir.resolve("adapter_config.json");
    ObjectNode json = (ObjectNode) JSON.readTree(config.toFile());
    json.put("task_type", "SEQ_CLS");
    JSON.writeValue(config.toFile(), json);
    assertThatThrownBy(() -> RewardLoraModel.load(base(3), dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("base_model.model.score.weight")
        .hasMessageContaining("missing");
  }

  private static float[] rewards(RewardModel model) {
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      long[][] positions = new long[IDS.length][IDS[0].length];
      for (long[] row : positions) {
        for (int t = 0; t < row.length; t++) {
          row[t] = t;
        }
      }
      return Tensors.toFloats(
          model.forward(
              Tensors.longs(IDS, Devices.cpu()),
              Tensors.longs(positions, Devices.cpu()),
              null,
              Tensors.longs(new long[] {IDS[0].length - 1, IDS[1].length - 1}, Devices.cpu())));
    }
  }
}

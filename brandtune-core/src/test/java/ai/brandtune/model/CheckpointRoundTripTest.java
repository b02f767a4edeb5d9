package ai.brandtune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.GenerationConfig;
import ai.brandtune.io.SafetensorsWeights;
import ai.brandtune.model.reference.ReferenceConfig;
import ai.brandtune.model.reference.ReferenceDecoder;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CheckpointRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static CausalLm randomTiny(Architecture a, boolean tied, ScalarType dtype) {
    ModelConfig c = ModelPresets.create("tiny", a, 300);
    if (!tied) {
      c =
          new ModelConfig(
              a,
              c.vocabSize(),
              c.hiddenSize(),
              c.intermediateSize(),
              c.numHiddenLayers(),
              c.numAttentionHeads(),
              c.numKeyValueHeads(),
              c.headDim(),
              c.maxPositionEmbeddings(),
              c.ropeTheta(),
              null,
              c.rmsNormEps(),
              false,
              c.initializerRange(),
              null,
              List.of(5),
              null,
              "float32");
    }
    return new CausalLm(c, new RandomInit(c, 1, Devices.cpu(), dtype), Devices.cpu(), dtype);
  }

  private static float[] logits(CausalLm m) {
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      long[][] ids = {{1, 50, 99, 250, 7}};
      long[][] pos = {{0, 1, 2, 3, 4}};
      return Tensors.toFloats(
          m.forward(
              Tensors.longs(ids, Devices.cpu()), Tensors.longs(pos, Devices.cpu()), null, null));
    }
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void savedCheckpointReloadsToIdenticalLogits(Architecture a) throws Exception {
    for (boolean tied : new boolean[] {true, false}) {
      CausalLm model = randomTiny(a, tied, ScalarType.Float);
      Path dir = tmp.resolve(a + "-" + tied);
      CausalLmCheckpoint.save(model, GenerationConfig.empty(), null, dir);
      CausalLm reloaded = CausalLmCheckpoint.load(dir, Devices.cpu(), ScalarType.Float);
      assertThat(logits(reloaded)).containsExactly(logits(model));
      assertThat(reloaded.config()).isEqualTo(model.config());
    }
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void tensorNamesAndConfigKeysFollowTheHfSchema(Architecture a) throws Exception {
    for (boolean tied : new boolean[] {true, false}) {
      CausalLm model = randomTiny(a, tied, ScalarType.Float);
      Path dir = tmp.resolve(a + "-names-" + tied);
      CausalLmCheckpoint.save(model, GenerationConfig.empty(), null, dir);
      ModelConfig c = model.config();
      ReferenceConfig ref =
          new ReferenceConfig(
              a.modelType(),
              c.vocabSize(),
              c.hiddenSize(),
              c.intermediateSize(),
              c.numHiddenLayers(),
              c.numAttentionHeads(),
              c.numKeyValueHeads(),
              c.headDim(),
              c.ropeTheta(),
              c.rmsNormEps(),
              c.tieWordEmbeddings());
      try (SafetensorsWeights w = SafetensorsWeights.open(dir)) {
        assertThat(w.names()).isEqualTo(ReferenceDecoder.expectedWeightNames(ref));
      }
    }
    // every key transformers writes for this architecture's real checkpoints is present
    String realConfig =
        switch (a) {
          case QWEN2 -> "qwen2.5-0.5b-instruct.json";
          case QWEN3 -> "qwen3-4b-instruct-2507.json";
          case LLAMA -> "llama-3.1-8b-instruct.json";
        };
    JsonNode real = JSON.readTree(getClass().getResource("/configs/" + realConfig));
    JsonNode ours = JSON.readTree(tmp.resolve(a + "-names-true/config.json").toFile());
    Set<String> expectedKeys = new HashSet<>();
    real.fieldNames().forEachRemaining(expectedKeys::add);
    expectedKeys.remove("transformers_version");
    Set<String> ourKeys = new HashSet<>();
    ours.fieldNames().forEachRemaining(ourKeys::add);
    assertThat(ourKeys).containsAll(expectedKeys);
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void bfloat16CheckpointIsStoredAsBf16AndReloads(Architecture a) throws Exception {
    CausalLm model = randomTiny(a, true, ScalarType.BFloat16);
    Path dir = tmp.resolve("bf16");
    CausalLmCheckpoint.save(model, GenerationConfig.empty(), null, dir);
    assertThat(JSON.readTree(dir.resolve("config.json").toFile()).get("torch_dtype").asText())
        .isEqualTo("bfloat16");
    try (SafetensorsWeights w = SafetensorsWeights.open(dir)) {
      assertThat(w.entry("model.embed_tokens.weight").dtype().name()).isEqualTo("BF16");
    }
    CausalLm reloaded = CausalLmCheckpoint.load(dir, Devices.cpu(), ScalarType.BFloat16);
    assertThat(logits(reloaded)).containsExactly(logits(model));
  }

  @ParameterizedTest
  @EnumSource(value = Architecture.class, names = "QWEN3")
  void weightsThatDoNotMatchTheConfigAreRejectedWithTheTensorName(Architecture a) throws Exception {
    CausalLm model = randomTiny(a, true, ScalarType.Float);
    Path dir = tmp.resolve("mismatch");
    CausalLmCheckpoint.save(model, GenerationConfig.empty(), null, dir);
    // claim one more layer than the weights have
    Path config = dir.resolve("config.json");
    Files.writeString(
        config,
        Files.readString(config).replace("\"num_hidden_layers\" : 2", "\"num_hidden_layers\" : 3"));
    assertThatThrownBy(() -> CausalLmCheckpoint.load(dir, Devices.cpu(), ScalarType.Float))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("model.layers.2.")
        .hasMessageContaining("missing");
    // and one fewer: the extra layer's tensors are unexpected
    Files.writeString(
        config,
        Files.readString(config).replace("\"num_hidden_layers\" : 3", "\"num_hidden_layers\" : 1"));
    assertThatThrownBy(() -> CausalLmCheckpoint.load(dir, Devices.cpu(), ScalarType.Float))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("unexpected")
        .hasMessageContaining("model.layers.1.");
  }
}

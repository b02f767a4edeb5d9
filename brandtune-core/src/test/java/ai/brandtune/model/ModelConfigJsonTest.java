package ai.brandtune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** config.json of real checkpoints (copied from their Hub repos) and the fields we must refuse. */
class ModelConfigJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path resource(String name) throws Exception {
    return Path.of(ModelConfigJsonTest.class.getResource("/configs/" + name).toURI());
  }

  @Test
  void readsQwen25WithTiedEmbeddingsAndDerivedHeadDim() throws Exception {
    ModelConfig c = ModelConfigJson.read(resource("qwen2.5-0.5b-instruct.json"));
    assertThat(c.architecture()).isEqualTo(Architecture.QWEN2);
    assertThat(c.headDim()).isEqualTo(64); // 896 / 14
    assertThat(c.groupSize()).isEqualTo(7);
    assertThat(c.tieWordEmbeddings()).isTrue();
    assertThat(c.eosTokenIds()).containsExactly(151645);
    assertThat(c.ropeTheta()).isEqualTo(1_000_000.0);
    // Qwen2.5-0.5B has 494M parameters (published)
    assertThat(c.parameterCount()).isBetween(494_000_000L, 494_100_000L);
  }

  @Test
  void readsQwen3WithExplicitHeadDim() throws Exception {
    ModelConfig c = ModelConfigJson.read(resource("qwen3-4b-instruct-2507.json"));
    assertThat(c.architecture()).isEqualTo(Architecture.QWEN3);
    assertThat(c.headDim()).isEqualTo(128);
    assertThat(c.numAttentionHeads() * c.headDim()).isNotEqualTo(c.hiddenSize());
    assertThat(c.ropeScaling()).isNull();
  }

  @Test
  void readsLlama31WithEosListAndLlama3RopeScaling() throws Exception {
    ModelConfig c = ModelConfigJson.read(resource("llama-3.1-8b-instruct.json"));
    assertThat(c.architecture()).isEqualTo(Architecture.LLAMA);
    assertThat(c.eosTokenIds()).containsExactly(128001, 128008, 128009);
    assertThat(c.ropeScaling().factor()).isEqualTo(8.0);
    assertThat(c.ropeScaling().originalMaxPositionEmbeddings()).isEqualTo(8192);
    assertThat(c.tieWordEmbeddings()).isFalse();
    // Llama-3.1-8B has 8.03B parameters (published)
    assertThat(c.parameterCount()).isBetween(8_030_000_000L, 8_031_000_000L);
  }

  @Test
  void llama3RopeScalingMatchesTransformersFormula() throws Exception {
    ModelConfig c = ModelConfigJson.read(resource("llama-3.1-8b-instruct.json"));
    float[] inv = RotaryEmbedding.inverseFrequencies(c);
    // transformers _compute_llama3_parameters, by hand: wavelen = 2*pi/f; low-frequency band
    // (wavelen > 8192) divided by 8, high-frequency band (wavelen < 2048) unchanged, smooth between
    double f0 = 1.0; // i = 0: wavelen 6.28, high frequency
    assertThat((double) inv[0]).isCloseTo(f0, org.assertj.core.data.Offset.offset(1e-7));
    int last = inv.length - 1;
    double raw = 1.0 / Math.pow(500000.0, (2.0 * last) / 128);
    assertThat((double) inv[last])
        .isCloseTo(raw / 8, org.assertj.core.data.Offset.offset(raw * 1e-5));
    int mid = 32; // wavelen between 2048 and 8192: smoothed
    double r = 1.0 / Math.pow(500000.0, (2.0 * mid) / 128);
    double wavelen = 2 * Math.PI / r;
    assertThat(wavelen).isBetween(2048.0, 8192.0);
    double smooth = (8192 / wavelen - 1) / (4 - 1);
    double expected = (1 - smooth) * r / 8 + smooth * r;
    assertThat((double) inv[mid])
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(r * 1e-5));
  }

  private static ObjectNode base() throws Exception {
    return (ObjectNode) JSON.readTree(resource("qwen2.5-0.5b-instruct.json").toFile());
  }

  @Test
  void rejectsWhatTheDecoderDoesNotImplementNamingFieldAndValue() throws Exception {
    ObjectNode yarn = base();
    yarn.putObject("rope_scaling").put("rope_type", "yarn").put("factor", 4.0);
    assertThatThrownBy(() -> ModelConfigJson.parse(yarn, "cfg.json"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("cfg.json")
        .hasMessageContaining("rope_scaling.rope_type")
        .hasMessageContaining("yarn");

    ObjectNode sliding = base().put("use_sliding_window", true);
    assertThatThrownBy(() -> ModelConfigJson.parse(sliding, "cfg.json"))
        .hasMessageContaining("use_sliding_window");

    ObjectNode moe = base().put("num_experts", 64);
    assertThatThrownBy(() -> ModelConfigJson.parse(moe, "cfg.json"))
        .hasMessageContaining("num_experts");

    ObjectNode gelu = base().put("hidden_act", "gelu");
    assertThatThrownBy(() -> ModelConfigJson.parse(gelu, "cfg.json"))
        .hasMessageContaining("hidden_act")
        .hasMessageContaining("gelu");

    ObjectNode unknown = base();
    unknown.putArray("architectures").add("MistralForCausalLM");
    assertThatThrownBy(() -> ModelConfigJson.parse(unknown, "cfg.json"))
        .hasMessageContaining("architectures")
        .hasMessageContaining("MistralForCausalLM");

    ObjectNode missing = base();
    missing.remove("hidden_size");
    assertThatThrownBy(() -> ModelConfigJson.parse(missing, "cfg.json"))
        .hasMessageContaining("hidden_size");
  }

  @Test
  void writtenConfigRoundTripsAndHasTheArchitecturesKeys() throws Exception {
    for (Architecture a : Architecture.values()) {
      ModelConfig c = ModelPresets.create("tiny", a, 300).withSpecialTokens(null, List.of(7, 9), 3);
      ObjectNode json = ModelConfigJson.toJson(c);
      assertThat(ModelConfigJson.parse(json, "written")).isEqualTo(c);
      assertThat(json.get("architectures").get(0).asText()).isEqualTo(a.causalLmClass());
      assertThat(json.get("model_type").asText()).isEqualTo(a.modelType());
    }
  }

  @Test
  void sequenceClassificationConfigNamesTheClassAndOneLabelAndReadsBack() throws Exception {
    ModelConfig c = ModelConfigJson.read(resource("qwen3-4b-instruct-2507.json"));
    ObjectNode json = ModelConfigJson.toSequenceClassificationJson(c);
    assertThat(json.get("architectures").get(0).asText())
        .isEqualTo("Qwen3ForSequenceClassification");
    assertThat(json.get("id2label").toString()).isEqualTo("{\"0\":\"LABEL_0\"}");
    assertThat(json.get("label2id").toString()).isEqualTo("{\"LABEL_0\":0}");
    List<String> keys = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).as("transformers writes sorted keys").isSorted();
    assertThat(ModelConfigJson.isSequenceClassification(json)).isTrue();
    assertThat(ModelConfigJson.numLabels(json)).isEqualTo(1);
    assertThat(ModelConfigJson.parse(json, "rm")).isEqualTo(c);
    assertThat(ModelConfigJson.isSequenceClassification(ModelConfigJson.toJson(c))).isFalse();
    // transformers' default when a classification config gives no labels
    ObjectNode bare = JSON.createObjectNode();
    bare.putArray("architectures").add("LlamaForSequenceClassification");
    assertThat(ModelConfigJson.numLabels(bare)).isEqualTo(2);
    bare.put("num_labels", 1);
    assertThat(ModelConfigJson.numLabels(bare)).isEqualTo(1);
  }
}

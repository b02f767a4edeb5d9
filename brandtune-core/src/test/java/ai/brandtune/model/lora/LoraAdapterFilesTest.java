package ai.brandtune.model.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.io.PeftAdapterFiles;
import ai.brandtune.io.SafetensorsFile;
import ai.brandtune.io.SafetensorsWriter;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.MicroModels;
import ai.brandtune.model.reference.ReferenceConfig;
import ai.brandtune.tensor.DType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PEFT adapter directory: names, config fields, reloading, and what a bad one reports. */
class LoraAdapterFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ReferenceConfig CONFIG = MicroModels.qwen3Untied(); // 2 layers
  private static Map<String, double[]> weights;

  @TempDir Path tmp;

  @BeforeAll
  static void weights() {
    weights = LoraFixtures.weights(CONFIG, 3);
  }

  @Test
  void savedDirectoryHasPeftKeysAndConfigFields() throws Exception {
    LoraModel lora =
        LoraModel.attach(fresh(), new LoraConfig(4, 8, 0.05, List.of("all-linear"), false), 1);
    Path dir = tmp.resolve("adapter");
    lora.save(dir, "models/base");

    List<String> expectedKeys = new ArrayList<>();
    for (String layer : List.of("0", "1")) {
      for (String m :
          List.of(
              "self_attn.q_proj",
              "self_attn.k_proj",
              "self_attn.v_proj",
              "self_attn.o_proj",
              "mlp.gate_proj",
              "mlp.up_proj",
              "mlp.down_proj")) {
        expectedKeys.add("base_model.model.model.layers." + layer + "." + m + ".lora_A.weight");
        expectedKeys.add("base_model.model.model.layers." + layer + "." + m + ".lora_B.weight");
      }
    }
    assertThat(expectedKeys)
        .startsWith(
            "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight",
            "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight")
        .endsWith("base_model.model.model.layers.1.mlp.down_proj.lora_B.weight")
        .hasSize(28);
    try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("adapter_model.safetensors"))) {
      assertThat(f.names()).containsExactlyInAnyOrderElementsOf(expectedKeys);
      assertThat(f.metadata()).containsEntry("format", "pt");
      // q_proj: hidden 16 -> 4 heads x 8; r = 4
      assertThat(f.entry("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight").shape())
          .containsExactly(4, 16);
      assertThat(f.entry("base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight").shape())
          .containsExactly(32, 4);
      assertThat(f.entry("base_model.model.model.layers.1.mlp.down_proj.lora_A.weight").shape())
          .containsExactly(4, 40);
      assertThat(f.names()).allMatch(n -> f.entry(n).dtype() == DType.F32);
    }

    JsonNode c = JSON.readTree(dir.resolve("adapter_config.json").toFile());
    assertThat(c.get("peft_type").asText()).isEqualTo("LORA");
    assertThat(c.get("task_type").asText()).isEqualTo("CAUSAL_LM");
    assertThat(c.get("r").isInt()).isTrue();
    assertThat(c.get("r").asInt()).isEqualTo(4);
    assertThat(c.get("lora_alpha").isInt()).as("PEFT's lora_alpha is an int").isTrue();
    assertThat(c.get("lora_alpha").asInt()).isEqualTo(8);
    assertThat(c.get("lora_dropout").isDouble()).isTrue();
    assertThat(c.get("lora_dropout").asDouble()).isEqualTo(0.05);
    assertThat(c.get("target_modules").isArray()).isTrue();
    assertThat(JSON.convertValue(c.get("target_modules"), List.class))
        .containsExactlyInAnyOrder(
            "q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");
    assertThat(c.get("use_rslora").isBoolean()).isTrue();
    assertThat(c.get("use_rslora").asBoolean()).isFalse();
    assertThat(c.get("bias").asText()).isEqualTo("none");
    assertThat(c.get("fan_in_fan_out").isBoolean()).isTrue();
    assertThat(c.get("fan_in_fan_out").asBoolean()).isFalse();
    assertThat(c.get("base_model_name_or_path").asText()).isEqualTo("models/base");
    assertThat(c.get("inference_mode").asBoolean()).isTrue();
    assertThat(c.get("init_lora_weights").asBoolean()).isTrue();
    assertThat(c.get("modules_to_save").isNull()).isTrue();
    assertThat(c.get("revision").isNull()).isTrue();
    List<String> keys = new ArrayList<>();
    c.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).as("json.dumps(sort_keys=True)").isSorted();
  }

  @Test
  void listedTargetsAreSavedAsGivenWithTheirKeysOnly() throws Exception {
    LoraModel lora =
        LoraModel.attach(fresh(), new LoraConfig(2, 16, 0.0, List.of("q_proj", "v_proj"), true), 1);
    Path dir = tmp.resolve("qv");
    lora.save(dir, "/abs/base");

    try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("adapter_model.safetensors"))) {
      assertThat(f.names())
          .containsExactlyInAnyOrder(
              "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight",
              "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight",
              "base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight",
              "base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight",
              "base_model.model.model.layers.1.self_attn.q_proj.lora_A.weight",
              "base_model.model.model.layers.1.self_attn.q_proj.lora_B.weight",
              "base_model.model.model.layers.1.self_attn.v_proj.lora_A.weight",
              "base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight");
    }
    JsonNode c = JSON.readTree(dir.resolve("adapter_config.json").toFile());
    assertThat(JSON.convertValue(c.get("target_modules"), List.class))
        .containsExactly("q_proj", "v_proj");
    assertThat(c.get("use_rslora").asBoolean()).isTrue();
    assertThat(c.get("lora_dropout").asText()).isEqualTo("0.0");
  }

  @Test
  void reloadingOntoAFreshBaseGivesIdenticalLogits() {
    CausalLm trained = fresh();
    LoraModel lora =
        LoraModel.attach(trained, new LoraConfig(4, 8, 0.1, List.of("all-linear"), true), 1);
    LoraFixtures.randomizeB(lora, 2);
    float[] expected = LoraFixtures.logits(trained);
    Path dir = tmp.resolve("adapter");
    lora.save(dir, "base");

    CausalLm base = fresh();
    float[] baseLogits = LoraFixtures.logits(base);
    LoraModel loaded = LoraModel.load(base, dir);

    assertThat(LoraFixtures.logits(base)).containsExactly(expected);
    assertThat(LoraFixtures.maxAbsDiff(expected, baseLogits)).isGreaterThan(0.01);
    assertThat(loaded.config().scaling()).isEqualTo(lora.config().scaling()).isEqualTo(4.0);
    assertThat(loaded.config().dropout()).isEqualTo(0.1);
    assertThat(loaded.adapters().keySet()).containsExactlyElementsOf(lora.adapters().keySet());
    assertThat(loaded.baseModelNameOrPath()).isEqualTo("base");
    assertThat(loaded.trainableParameters().keySet())
        .containsExactlyElementsOf(lora.trainableParameters().keySet());
    assertThat(loaded.trainableParameters().values()).allMatch(Tensor::requires_grad);
  }

  @Test
  void writesIntoADirectoryAssembledAtomicallyWithOtherFiles() {
    LoraModel lora =
        LoraModel.attach(fresh(), new LoraConfig(2, 4, 0, List.of("o_proj"), false), 1);
    Path dir = tmp.resolve("checkpoint-10");
    CheckpointDirectory.writeAtomically(
        dir,
        d -> {
          lora.writeTo(d, "base");
          Files.writeString(d.resolve("trainer_state.json"), "{}");
        });

    assertThat(dir.resolve("adapter_config.json")).isRegularFile();
    assertThat(dir.resolve("adapter_model.safetensors")).isRegularFile();
    assertThat(dir.resolve("trainer_state.json")).isRegularFile();
    LoraModel.load(fresh(), dir);
  }

  @Test
  void aMissingKeyNamesTheFileAndTheKey() throws Exception {
    Path dir = saved("missing");
    String dropped = "base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight";
    rewriteWeights(dir, t -> t.remove(dropped));

    assertThatThrownBy(() -> LoraModel.load(fresh(), dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining(dir.resolve("adapter_model.safetensors").toString())
        .hasMessageContaining(dropped)
        .hasMessageContaining("missing");
  }

  @Test
  void anUnknownModuleNamesTheKey() throws Exception {
    Path dir = saved("unknown");
    String extra = "base_model.model.model.layers.7.self_attn.q_proj.lora_A.weight";
    rewriteWeights(
        dir,
        t -> t.put(extra, t.get("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight")));

    assertThatThrownBy(() -> LoraModel.load(fresh(), dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("adapter_model.safetensors")
        .hasMessageContaining(extra)
        .hasMessageContaining("unknown module 'model.layers.7.self_attn.q_proj'");
  }

  @Test
  void aRankMismatchNamesTheKeyAndBothRanks() throws Exception {
    Path dir = saved("rank");
    editConfig(dir, c -> c.put("r", 8));

    assertThatThrownBy(() -> LoraModel.load(fresh(), dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight")
        .hasMessageContaining("rank mismatch: the tensor has rank 2")
        .hasMessageContaining("r=8");
  }

  @Test
  void anAdapterForAnotherModelIsAShapeMismatch() {
    ReferenceConfig other = MicroModels.llamaUntied(); // hidden 24, not 16
    LoraModel lora =
        LoraModel.attach(
            MicroModels.causalLm(other, LoraFixtures.weights(other, 1), ScalarType.Float),
            new LoraConfig(2, 4, 0, List.of("q_proj", "v_proj"), false),
            1);
    Path dir = tmp.resolve("other");
    lora.save(dir, "other");

    assertThatThrownBy(() -> LoraModel.load(fresh(), dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight")
        .hasMessageContaining("has shape [2, 24] but the base model needs [2, 16]");
  }

  @Test
  void badConfigFieldsAreNamed() throws Exception {
    Path dir = saved("fields");
    Path file = dir.resolve("adapter_config.json");

    editConfig(dir, c -> c.put("peft_type", "IA3"));
    assertThatThrownBy(() -> LoraModel.load(fresh(), dir))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("'peft_type'");

    editConfig(dir, c -> c.put("peft_type", "LORA").putArray("target_modules").add("query"));
    assertThatThrownBy(() -> LoraModel.load(fresh(), dir))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("'target_modules' names 'query'")
        .hasMessageContaining("q_proj, k_proj");

    editConfig(dir, c -> c.put("use_dora", true).putArray("target_modules").add("q_proj"));
    assertThatThrownBy(() -> LoraModel.load(fresh(), dir)).hasMessageContaining("'use_dora'");

    editConfig(dir, c -> c.put("use_dora", false).put("r", 0));
    assertThatThrownBy(() -> LoraModel.load(fresh(), dir)).hasMessageContaining("'r'");
  }

  @Test
  void aRegexTargetAsPeftAcceptsSelectsByFullName() throws Exception {
    Path dir = saved("regex");
    editConfig(dir, c -> c.put("target_modules", ".*\\.(q_proj|v_proj)"));

    LoraModel lora = LoraModel.load(fresh(), dir);

    assertThat(lora.adapters()).hasSize(4);
  }

  @Test
  void notAnAdapterDirectoryIsNamed() {
    assertThatThrownBy(() -> LoraModel.load(fresh(), tmp))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining(tmp.toString())
        .hasMessageContaining("adapter_config.json");
  }

  private CausalLm fresh() {
    return LoraFixtures.model(CONFIG, weights);
  }

  /** A q_proj,v_proj adapter of rank 2, saved. */
  private Path saved(String name) {
    LoraModel lora =
        LoraModel.attach(fresh(), new LoraConfig(2, 4, 0, List.of("q_proj", "v_proj"), false), 1);
    Path dir = tmp.resolve(name);
    lora.save(dir, "base");
    return dir;
  }

  private static void rewriteWeights(
      Path dir, java.util.function.Consumer<Map<String, Tensor>> edit) {
    Path file = dir.resolve(PeftAdapterFiles.WEIGHTS);
    try (PointerScope s = new PointerScope();
        SafetensorsFile f = SafetensorsFile.open(file)) {
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (String n : f.names()) {
        tensors.put(n, f.load(n));
      }
      edit.accept(tensors);
      SafetensorsWriter.write(file, tensors, Map.of());
    }
  }

  private static void editConfig(Path dir, java.util.function.Consumer<ObjectNode> edit)
      throws Exception {
    Path file = dir.resolve(PeftAdapterFiles.CONFIG);
    ObjectNode c = (ObjectNode) JSON.readTree(file.toFile());
    edit.accept(c);
    Files.writeString(file, JSON.writeValueAsString(c));
  }
}

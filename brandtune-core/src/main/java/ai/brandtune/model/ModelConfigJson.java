package ai.brandtune.model;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes HF {@code config.json} for the supported architectures. Whatever the decoder
 * does not implement (other RoPE scalings, an active sliding window, MoE, biases outside Qwen2's
 * q/k/v) is rejected with the field and value, instead of silently computing something else than
 * transformers.
 */
public final class ModelConfigJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static final String SEQUENCE_CLASSIFICATION_SUFFIX = "ForSequenceClassification";

  private ModelConfigJson() {}

  public static ModelConfig read(Path file) {
    return parse(readTree(file), file.toString());
  }

  /** The raw config object, for fields {@link ModelConfig} does not hold. */
  public static JsonNode readTree(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new BrandtuneException(file + ": cannot read config: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new BrandtuneException(file + ": config.json must hold a JSON object");
    }
    return root;
  }

  /**
   * Whether the config declares a {@code *ForSequenceClassification} model (its first {@code
   * architectures} entry), the layout of reward models; a config naming no class is a causal LM.
   */
  public static boolean isSequenceClassification(JsonNode c) {
    JsonNode archs = c.get("architectures");
    return archs != null
        && archs.isArray()
        && archs.size() > 0
        && archs.get(0).asText().endsWith(SEQUENCE_CLASSIFICATION_SUFFIX);
  }

  /**
   * The label count of a classification config as transformers reads it: {@code num_labels} when
   * given, else the size of {@code id2label}, else transformers' default of 2.
   */
  public static int numLabels(JsonNode c) {
    if (c.hasNonNull("num_labels") && c.get("num_labels").canConvertToInt()) {
      return c.get("num_labels").asInt();
    }
    JsonNode id2label = c.get("id2label");
    if (id2label != null && id2label.isObject()) {
      return id2label.size();
    }
    return 2;
  }

  /** Parses a config object; {@code source} names it in error messages. */
  public static ModelConfig parse(JsonNode c, String source) {
    Fields f = new Fields(c, source);
    Architecture arch = architecture(c, f);
    rejectUnsupported(c, f, arch);

    int hidden = f.requiredInt("hidden_size");
    int heads = f.requiredInt("num_attention_heads");
    int kvHeads = f.optionalInt("num_key_value_heads", heads);
    if (heads % kvHeads != 0) {
      throw f.error(
          "num_key_value_heads", kvHeads, "must divide num_attention_heads (" + heads + ")");
    }
    int headDim = c.hasNonNull("head_dim") ? f.requiredInt("head_dim") : hidden / heads;
    JsonNode ropeParameters = c.path("rope_parameters");
    double ropeTheta =
        ropeParameters.hasNonNull("rope_theta")
            ? ropeParameters.get("rope_theta").asDouble()
            : f.optionalDouble("rope_theta", 10000.0);
    return new ModelConfig(
        arch,
        f.requiredInt("vocab_size"),
        hidden,
        f.requiredInt("intermediate_size"),
        f.requiredInt("num_hidden_layers"),
        heads,
        kvHeads,
        headDim,
        f.optionalInt("max_position_embeddings", 2048),
        ropeTheta,
        ropeScaling(c, f),
        f.optionalDouble("rms_norm_eps", 1e-6),
        c.path("tie_word_embeddings").asBoolean(false),
        f.optionalDouble("initializer_range", 0.02),
        c.hasNonNull("bos_token_id") ? f.requiredInt("bos_token_id") : null,
        tokenIds(c.get("eos_token_id"), f),
        c.hasNonNull("pad_token_id") ? f.requiredInt("pad_token_id") : null,
        c.hasNonNull("torch_dtype")
            ? c.get("torch_dtype").asText()
            : c.path("dtype").asText("float32"));
  }

  private static Architecture architecture(JsonNode c, Fields f) {
    JsonNode archs = c.get("architectures");
    if (archs != null && archs.isArray() && archs.size() > 0) {
      String name = archs.get(0).asText();
      try {
        return Architecture.parse(name);
      } catch (BrandtuneException e) {
        throw f.error("architectures", name, e.getMessage());
      }
    }
    String modelType = c.path("model_type").asText("");
    try {
      return Architecture.parse(modelType);
    } catch (BrandtuneException e) {
      throw f.error("model_type", modelType, e.getMessage());
    }
  }

  private static void rejectUnsupported(JsonNode c, Fields f, Architecture arch) {
    String act = c.path("hidden_act").asText("silu");
    if (!act.equals("silu")) {
      throw f.error("hidden_act", act, "only silu (SwiGLU) is implemented");
    }
    if (c.path("use_sliding_window").asBoolean(false)) {
      throw f.error("use_sliding_window", true, "sliding-window attention is not implemented");
    }
    for (String moe : List.of("num_experts", "num_local_experts", "n_routed_experts")) {
      if (c.path(moe).asInt(0) > 0) {
        throw f.error(moe, c.get(moe).asInt(), "mixture-of-experts models are not supported");
      }
    }
    if (arch != Architecture.QWEN2 && c.path("attention_bias").asBoolean(false)) {
      throw f.error("attention_bias", true, "attention biases are implemented only for Qwen2");
    }
    if (c.path("mlp_bias").asBoolean(false)) {
      throw f.error("mlp_bias", true, "MLP biases are not implemented");
    }
  }

  private static ModelConfig.RopeScaling ropeScaling(JsonNode c, Fields f) {
    JsonNode s = c.get("rope_scaling");
    String field = "rope_scaling";
    if (s == null || s.isNull()) {
      s = c.get("rope_parameters");
      field = "rope_parameters";
      if (s == null || s.isNull()) {
        return null;
      }
    }
    String type =
        s.has("rope_type") ? s.get("rope_type").asText() : s.path("type").asText("default");
    switch (type.toLowerCase(Locale.ROOT)) {
      case "default":
        return null;
      case "llama3":
        return new ModelConfig.RopeScaling(
            s.path("factor").asDouble(8.0),
            s.path("low_freq_factor").asDouble(1.0),
            s.path("high_freq_factor").asDouble(4.0),
            s.path("original_max_position_embeddings").asInt(8192));
      default:
        throw f.error(field + ".rope_type", type, "only default and llama3 RoPE are implemented");
    }
  }

  private static List<Integer> tokenIds(JsonNode node, Fields f) {
    List<Integer> ids = new ArrayList<>();
    if (node == null || node.isNull()) {
      return ids;
    }
    if (node.isArray()) {
      node.forEach(n -> ids.add(n.asInt()));
    } else if (node.canConvertToInt()) {
      ids.add(node.asInt());
    } else {
      throw f.error("eos_token_id", node, "must be an int or a list of ints");
    }
    return ids;
  }

  /** The config as transformers writes it for this architecture. */
  public static ObjectNode toJson(ModelConfig m) {
    Architecture a = m.architecture();
    ObjectNode c = JSON.createObjectNode();
    c.putArray("architectures").add(a.causalLmClass());
    if (a != Architecture.QWEN2) {
      c.put("attention_bias", false);
    }
    c.put("attention_dropout", 0.0);
    putNullable(c, "bos_token_id", m.bosTokenId());
    if (m.eosTokenIds().isEmpty()) {
      c.putNull("eos_token_id");
    } else if (m.eosTokenIds().size() == 1) {
      c.put("eos_token_id", m.eosTokenIds().get(0));
    } else {
      ArrayNode eos = c.putArray("eos_token_id");
      m.eosTokenIds().forEach(eos::add);
    }
    c.put("head_dim", m.headDim());
    c.put("hidden_act", "silu");
    c.put("hidden_size", m.hiddenSize());
    c.put("initializer_range", m.initializerRange());
    c.put("intermediate_size", m.intermediateSize());
    c.put("max_position_embeddings", m.maxPositionEmbeddings());
    if (a != Architecture.LLAMA) {
      c.put("max_window_layers", m.numHiddenLayers());
    }
    if (a == Architecture.LLAMA) {
      c.put("mlp_bias", false);
    }
    c.put("model_type", a.modelType());
    c.put("num_attention_heads", m.numAttentionHeads());
    c.put("num_hidden_layers", m.numHiddenLayers());
    c.put("num_key_value_heads", m.numKeyValueHeads());
    putNullable(c, "pad_token_id", m.padTokenId());
    if (a == Architecture.LLAMA) {
      c.put("pretraining_tp", 1);
    }
    c.put("rms_norm_eps", m.rmsNormEps());
    if (m.ropeScaling() == null) {
      c.putNull("rope_scaling");
    } else {
      ObjectNode s = c.putObject("rope_scaling");
      s.put("factor", m.ropeScaling().factor());
      s.put("high_freq_factor", m.ropeScaling().highFreqFactor());
      s.put("low_freq_factor", m.ropeScaling().lowFreqFactor());
      s.put("original_max_position_embeddings", m.ropeScaling().originalMaxPositionEmbeddings());
      s.put("rope_type", "llama3");
    }
    c.put("rope_theta", m.ropeTheta());
    if (a != Architecture.LLAMA) {
      c.putNull("sliding_window");
    }
    c.put("tie_word_embeddings", m.tieWordEmbeddings());
    c.put("torch_dtype", m.torchDtype());
    c.put("use_cache", true);
    if (a != Architecture.LLAMA) {
      c.put("use_sliding_window", false);
    }
    c.put("vocab_size", m.vocabSize());
    return c;
  }

  public static void write(ModelConfig config, Path file) throws IOException {
    Files.writeString(file, JSON.writeValueAsString(toJson(config)) + "\n");
  }

  /**
   * The config of the {@code *ForSequenceClassification} model with one label (a reward model) as
   * transformers writes it: the causal LM's fields with that class in {@code architectures} and the
   * single label in {@code id2label}/{@code label2id}, keys sorted as transformers sorts them.
   */
  public static ObjectNode toSequenceClassificationJson(ModelConfig m) {
    ObjectNode c = toJson(m);
    c.putArray("architectures").add(m.architecture().sequenceClassificationClass());
    c.putObject("id2label").put("0", "LABEL_0");
    c.putObject("label2id").put("LABEL_0", 0);
    ObjectNode sorted = JSON.createObjectNode();
    List<String> names = new ArrayList<>();
    c.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    names.forEach(n -> sorted.set(n, c.get(n)));
    return sorted;
  }

  public static void writeSequenceClassification(ModelConfig config, Path file) throws IOException {
    Files.writeString(file, JSON.writeValueAsString(toSequenceClassificationJson(config)) + "\n");
  }

  private static void putNullable(ObjectNode c, String field, Integer value) {
    if (value == null) {
      c.putNull(field);
    } else {
      c.put(field, value);
    }
  }

  /** Typed access to config fields with errors that name the source and field. */
  private record Fields(JsonNode c, String source) {
    int requiredInt(String name) {
      JsonNode n = c.get(name);
      if (n == null || n.isNull()) {
        throw new BrandtuneException(source + ": missing field '" + name + "'");
      }
      if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 0) {
        throw error(name, n, "must be a non-negative integer");
      }
      return n.asInt();
    }

    int optionalInt(String name, int fallback) {
      return c.hasNonNull(name) ? requiredInt(name) : fallback;
    }

    double optionalDouble(String name, double fallback) {
      JsonNode n = c.get(name);
      if (n == null || n.isNull()) {
        return fallback;
      }
      if (!n.isNumber()) {
        throw error(name, n, "must be a number");
      }
      return n.asDouble();
    }

    BrandtuneException error(String field, Object value, String why) {
      return new BrandtuneException(
          source + ": field '" + field + "' = " + value + " is not supported: " + why);
    }
  }
}

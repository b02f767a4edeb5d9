package ai.brandtune.io;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.pytorch.Tensor;

/**
 * The PEFT adapter directory: {@code adapter_config.json} and {@code adapter_model.safetensors}
 * with keys {@code base_model.model.<module>.lora_A.weight} / {@code .lora_B.weight}, exactly as
 * PEFT's {@code save_pretrained} writes them (adapter name stripped, config JSON with sorted keys
 * and two-space indent), so PEFT, transformers and vLLM load what we write and we load theirs.
 */
public final class PeftAdapterFiles {
  public static final String CONFIG = "adapter_config.json";
  public static final String WEIGHTS = "adapter_model.safetensors";

  /** Prefix PEFT's wrappers ({@code PeftModel} around {@code LoraModel}) put on every key. */
  public static final String KEY_PREFIX = "base_model.model.";

  public static final String LORA_A_SUFFIX = ".lora_A.weight";
  public static final String LORA_B_SUFFIX = ".lora_B.weight";

  private static final ObjectMapper JSON = new ObjectMapper();

  private PeftAdapterFiles() {}

  /**
   * The key of module {@code module}'s A matrix, e.g. {@code
   * base_model.model.<module>.lora_A.weight}.
   */
  public static String loraAKey(String module) {
    return KEY_PREFIX + module + LORA_A_SUFFIX;
  }

  public static String loraBKey(String module) {
    return KEY_PREFIX + module + LORA_B_SUFFIX;
  }

  /** Whether {@code dir} holds an adapter config (so it is an adapter, not a full model). */
  public static boolean isAdapterDir(Path dir) {
    return Files.isRegularFile(dir.resolve(CONFIG));
  }

  /** Writes the adapter atomically as directory {@code dir}, replacing what was there. */
  public static void save(Path dir, PeftAdapterConfig config, Map<String, Tensor> tensors) {
    CheckpointDirectory.writeAtomically(dir, tmp -> write(tmp, config, tensors));
  }

  /**
   * Writes both adapter files into existing directory {@code dir}, for callers that assemble a
   * larger directory (tokenizer, trainer state) inside {@link CheckpointDirectory#writeAtomically}.
   *
   * @param tensors PEFT keys ({@link #loraAKey}, {@link #loraBKey}) to tensors
   */
  public static void write(Path dir, PeftAdapterConfig config, Map<String, Tensor> tensors)
      throws IOException {
    Files.writeString(dir.resolve(CONFIG), configJson(config), StandardCharsets.UTF_8);
    SafetensorsWriter.write(dir.resolve(WEIGHTS), tensors, Map.of());
  }

  /** Fails with a message naming {@code dir} when it is not an adapter directory. */
  public static void requireAdapterDir(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BrandtuneException(dir + ": no such adapter directory");
    }
    if (!isAdapterDir(dir)) {
      throw new BrandtuneException(dir + ": not a PEFT adapter directory (no " + CONFIG + ")");
    }
    if (!Files.isRegularFile(dir.resolve(WEIGHTS))) {
      String hint =
          Files.isRegularFile(dir.resolve("adapter_model.bin"))
              ? "; adapter_model.bin (pickle) is not supported, re-save it with safetensors"
              : "";
      throw new BrandtuneException(dir + ": adapter weights " + WEIGHTS + " are missing" + hint);
    }
  }

  /** Opens {@code dir/adapter_model.safetensors}; the caller closes it. */
  public static SafetensorsFile openWeights(Path dir) {
    requireAdapterDir(dir);
    return SafetensorsFile.open(dir.resolve(WEIGHTS));
  }

  /**
   * The module a key belongs to and whether it is A or B: {@code [module, "A"|"B"]}, or null when
   * the key is not a LoRA matrix in PEFT's layout.
   */
  public static String[] parseKey(String key) {
    if (!key.startsWith(KEY_PREFIX)) {
      return null;
    }
    for (String[] s : new String[][] {{LORA_A_SUFFIX, "A"}, {LORA_B_SUFFIX, "B"}}) {
      if (key.endsWith(s[0]) && key.length() > KEY_PREFIX.length() + s[0].length()) {
        return new String[] {
          key.substring(KEY_PREFIX.length(), key.length() - s[0].length()), s[1]
        };
      }
    }
    return null;
  }

  /** Reads and validates {@code dir/adapter_config.json}; errors name the file and the field. */
  public static PeftAdapterConfig readConfig(Path dir) {
    Path file = dir.resolve(CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new BrandtuneException(file + ": no such adapter config");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw IoErrors.inFile(file, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw IoErrors.io(file, "read", e);
    }
    if (root == null || !root.isObject()) {
      throw IoErrors.inFile(file, "expected a JSON object");
    }
    String peftType = text(file, root, "peft_type");
    if (!"LORA".equals(peftType)) {
      throw field(file, "peft_type", "is " + peftType + "; only LORA adapters are supported");
    }
    // PEFT's LoraConfig defaults for fields a hand-written config may leave out
    int r = root.has("r") ? positiveInt(file, root, "r") : 8;
    double alpha = root.has("lora_alpha") ? number(file, root, "lora_alpha") : 8;
    double dropout = root.has("lora_dropout") ? number(file, root, "lora_dropout") : 0.0;
    if (!(dropout >= 0 && dropout < 1)) {
      throw field(file, "lora_dropout", "must be in [0, 1), got " + dropout);
    }
    List<String> targets = new ArrayList<>();
    String pattern = null;
    JsonNode t = root.get("target_modules");
    if (t == null || t.isNull()) {
      throw field(
          file, "target_modules", "is missing; list the adapted modules, e.g. [\"q_proj\"]");
    } else if (t.isTextual()) {
      if (t.asText().equals("all-linear")) {
        targets.add("all-linear");
      } else {
        pattern = t.asText();
      }
    } else if (t.isArray() && !t.isEmpty()) {
      for (JsonNode n : t) {
        if (!n.isTextual()) {
          throw field(file, "target_modules", "must hold module names, found " + n);
        }
        targets.add(n.asText());
      }
    } else {
      throw field(file, "target_modules", "must be a non-empty list of module names or a string");
    }
    rejectUnsupported(file, root);
    List<String> modulesToSave = new ArrayList<>();
    JsonNode m = root.get("modules_to_save");
    if (m != null && !m.isNull()) {
      if (!m.isArray()) {
        throw field(file, "modules_to_save", "must be a list of module names, found " + m);
      }
      for (JsonNode n : m) {
        if (!n.isTextual()) {
          throw field(file, "modules_to_save", "must hold module names, found " + n);
        }
        if (!modulesToSave.contains(n.asText())) {
          modulesToSave.add(n.asText());
        }
      }
    }
    return new PeftAdapterConfig(
        r,
        alpha,
        dropout,
        targets,
        pattern,
        root.path("use_rslora").asBoolean(false),
        root.hasNonNull("base_model_name_or_path")
            ? root.get("base_model_name_or_path").asText()
            : null,
        root.hasNonNull("task_type") ? root.get("task_type").asText() : null,
        modulesToSave);
  }

  // Settings that change what the weights mean; ignoring one would give a silently wrong model.
  private static void rejectUnsupported(Path file, JsonNode root) {
    String bias = root.path("bias").asText("none");
    if (!bias.equals("none")) {
      throw field(file, "bias", "is '" + bias + "'; only 'none' is supported");
    }
    for (String flag : List.of("use_dora", "fan_in_fan_out")) {
      if (root.path(flag).asBoolean(false)) {
        throw field(file, flag, "is true, which brandtune does not support");
      }
    }
    for (String empty : List.of("rank_pattern", "alpha_pattern")) {
      JsonNode n = root.get(empty);
      if (n != null && !n.isNull() && !n.isEmpty()) {
        throw field(file, empty, "is set (" + n + "), which brandtune does not support");
      }
    }
    for (String absent : List.of("layers_to_transform", "layer_replication")) {
      JsonNode n = root.get(absent);
      if (n != null && !n.isNull()) {
        throw field(file, absent, "is set (" + n + "), which brandtune does not support");
      }
    }
  }

  /** The config as PEFT writes it: {@code json.dumps(config, indent=2, sort_keys=True)}. */
  static String configJson(PeftAdapterConfig c) {
    Map<String, String> fields = new TreeMap<>(JsonText.CODE_POINT_ORDER);
    fields.put("alpha_pattern", "{}");
    fields.put("base_model_name_or_path", string(c.baseModelNameOrPath()));
    fields.put("bias", string("none"));
    fields.put("fan_in_fan_out", "false");
    fields.put("inference_mode", "true");
    fields.put("init_lora_weights", "true");
    fields.put("layers_pattern", "null");
    fields.put("layers_to_transform", "null");
    fields.put("lora_alpha", pythonNumber(c.loraAlpha()));
    fields.put("lora_dropout", pythonFloat(c.loraDropout()));
    fields.put("modules_to_save", c.modulesToSave().isEmpty() ? "null" : list(c.modulesToSave()));
    fields.put("peft_type", string("LORA"));
    fields.put("r", Integer.toString(c.r()));
    fields.put("rank_pattern", "{}");
    fields.put("revision", "null");
    fields.put("target_modules", targets(c));
    fields.put("task_type", string(c.taskType()));
    fields.put("use_dora", "false");
    fields.put("use_rslora", Boolean.toString(c.useRslora()));
    StringBuilder json = new StringBuilder("{");
    String sep = "\n";
    for (Map.Entry<String, String> e : fields.entrySet()) {
      json.append(sep).append("  ").append(JsonText.python(e.getKey())).append(": ");
      json.append(e.getValue());
      sep = ",\n";
    }
    return json.append("\n}").toString();
  }

  private static String targets(PeftAdapterConfig c) {
    if (c.targetModulesPattern() != null) {
      return string(c.targetModulesPattern());
    }
    return list(c.targetModules());
  }

  /** A list of strings as {@code json.dumps(indent=2)} writes it at the config's top level. */
  private static String list(List<String> values) {
    StringBuilder s = new StringBuilder("[");
    String sep = "\n";
    for (String t : values) {
      s.append(sep).append("    ").append(JsonText.python(t));
      sep = ",\n";
    }
    return s.append("\n  ]").toString();
  }

  private static String string(String s) {
    return s == null ? "null" : JsonText.python(s);
  }

  /** An integral value as a Python int (PEFT's lora_alpha is an int), anything else as a float. */
  private static String pythonNumber(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : pythonFloat(v);
  }

  /** Python's {@code repr(float)}: shortest digits, scientific below 1e-4 and from 1e16. */
  static String pythonFloat(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("not a finite number: " + v);
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0.0" : "0.0";
    }
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    int exponent = d.precision() - d.scale() - 1;
    if (exponent >= -4 && exponent < 16) {
      String plain = d.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String digits = d.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (v < 0 ? "-" : "")
        + mantissa
        + "e"
        + (exponent < 0 ? "-" : "+")
        + String.format("%02d", Math.abs(exponent));
  }

  private static String text(Path file, JsonNode root, String name) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      throw field(file, name, "is missing");
    }
    if (!n.isTextual()) {
      throw field(file, name, "must be a string, found " + n);
    }
    return n.asText();
  }

  private static int positiveInt(Path file, JsonNode root, String name) {
    JsonNode n = root.get(name);
    if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
      throw field(file, name, "must be a positive integer, found " + n);
    }
    return n.asInt();
  }

  private static double number(Path file, JsonNode root, String name) {
    JsonNode n = root.get(name);
    if (!n.isNumber()) {
      throw field(file, name, "must be a number, found " + n);
    }
    return n.asDouble();
  }

  private static BrandtuneException field(Path file, String name, String message) {
    return IoErrors.inFile(file, "field '" + name + "' " + message);
  }
}

package ai.brandtune.pipeline;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code project.yaml}: what a pipeline run trains and how. Without a file, the built-in default:
 * the built-in brand kit, no teacher (golden corpus, rule-based rejects), the built-in tiny model
 * with a tokenizer trained on the brand corpus, CPU-friendly settings. Every key is documented in
 * docs/pipeline.md.
 *
 * @param file the project file, or null for the built-in default
 * @param name the run name: the directory under the runs directory
 * @param baseModel an HF model directory to start from; null for the built-in tiny model
 * @param kit the brand kit directory; null for the built-in kit
 * @param teacher the teacher LLM block (data stage), or null to synthesize offline
 * @param judge the judge LLM block (evaluation), or null for the offline judges
 * @param device {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N}
 * @param precision {@code fp32} or {@code bf16} (bf16 weights with fp32 master copies on CUDA)
 * @param seed drives data order, initialization and sampling in every stage
 * @param stages each stage's own block of keys, as in its own command's config
 */
public record Project(
    Path file,
    String name,
    Path baseModel,
    Path kit,
    ObjectNode teacher,
    ObjectNode judge,
    String device,
    String precision,
    long seed,
    Map<String, ObjectNode> stages) {

  /** The keys of a project file besides the stage blocks. */
  static final List<String> TOP_KEYS =
      List.of("name", "base_model", "kit", "teacher", "judge", "device", "precision", "seed");

  private static final YAMLMapper YAML = new YAMLMapper();

  public Project {
    stages = Map.copyOf(stages);
  }

  /** The built-in default: no config file. */
  public static Project defaults() {
    return new Project(null, "default", null, null, null, null, "auto", "fp32", 42, Map.of());
  }

  /** The block of keys for {@code stage} (empty when the project has none). */
  public ObjectNode stage(String stage) {
    ObjectNode block = stages.get(stage);
    return block == null ? YAML.createObjectNode() : block.deepCopy();
  }

  /** Whether training runs in bf16 (bf16 weights, fp32 master copies; CUDA only). */
  public boolean bf16() {
    return precision.equals("bf16");
  }

  /** Where a message about a key points: {@code project.yaml} or {@code the built-in default}. */
  public String source() {
    return file == null ? "the built-in default project" : file.toString();
  }

  /**
   * Reads a project file. Relative paths ({@code base_model}, {@code kit}) are resolved against the
   * file's directory; unknown keys are errors naming the line and the closest valid key.
   *
   * @param stageNames the stage blocks the registered stages accept
   */
  public static Project load(Path file, Collection<String> stageNames) {
    if (!Files.isRegularFile(file)) {
      throw new BrandtuneException("--config " + file + ": no such file");
    }
    Set<String> known = new TreeSet<>(TOP_KEYS);
    known.addAll(stageNames);
    Map<String, JsonNode> values = new LinkedHashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
      p.setCodec(YAML);
      JsonToken first = p.nextToken();
      if (first != null && first != JsonToken.START_OBJECT) {
        throw new BrandtuneException(file + ": expected a mapping of key: value lines");
      }
      while (first != null && p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonLocation at = p.currentTokenLocation();
        String where = file + ":" + at.getLineNr();
        if (!known.contains(key)) {
          throw new BrandtuneException(
              where + ": unknown key '" + key + "' (did you mean '" + closest(key, known) + "'?)");
        }
        if (values.containsKey(key)) {
          throw new BrandtuneException(where + ": " + key + " set twice");
        }
        p.nextToken();
        JsonNode value = p.readValueAsTree();
        values.put(key, value == null ? YAML.nullNode() : value);
        if (stageNames.contains(key) && !(value == null || value.isNull() || value.isObject())) {
          throw new BrandtuneException(
              where + ": " + key + ": expected a block of that stage's keys (key: value lines)");
        }
      }
    } catch (IOException e) {
      throw new BrandtuneException(
          file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
    Path dir = file.toAbsolutePath().getParent();
    Map<String, ObjectNode> stages = new LinkedHashMap<>();
    for (String s : stageNames) {
      JsonNode block = values.get(s);
      if (block != null && block.isObject()) {
        stages.put(s, (ObjectNode) block);
      }
    }
    String precision = text(values, "precision", "fp32", file).toLowerCase(Locale.ROOT);
    precision = precision.equals("bfloat16") ? "bf16" : precision;
    precision = precision.equals("float32") ? "fp32" : precision;
    if (!precision.equals("fp32") && !precision.equals("bf16")) {
      throw new BrandtuneException(file + ": precision: '" + precision + "' is not fp32 or bf16");
    }
    JsonNode seed = values.get("seed");
    if (seed != null && !seed.isNull() && !seed.canConvertToLong()) {
      throw new BrandtuneException(file + ": seed: expected an integer, got '" + seed + "'");
    }
    String name = text(values, "name", "default", file);
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new BrandtuneException(
          file + ": name: '" + name + "' must be letters, digits, '.', '_' or '-' (a directory)");
    }
    return new Project(
        file,
        name,
        path(dir, text(values, "base_model", null, file)),
        path(dir, text(values, "kit", null, file)),
        block(values, "teacher", file),
        block(values, "judge", file),
        text(values, "device", "auto", file),
        precision,
        seed == null || seed.isNull() ? 42 : seed.asLong(),
        stages);
  }

  private static Path path(Path dir, String value) {
    return value == null ? null : dir.resolve(value).normalize();
  }

  private static String text(Map<String, JsonNode> values, String key, String dflt, Path file) {
    JsonNode v = values.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isValueNode()) {
      throw new BrandtuneException(file + ": " + key + ": expected a single value");
    }
    return v.asText();
  }

  private static ObjectNode block(Map<String, JsonNode> values, String key, Path file) {
    JsonNode v = values.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new BrandtuneException(
          file + ": " + key + ": expected a block (base_url, model, api_key_env, ...)");
    }
    return (ObjectNode) v;
  }

  private static String closest(String key, Set<String> known) {
    String best = "";
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(k, key);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        d[i][j] =
            i == 0 || j == 0
                ? i + j
                : Math.min(
                    d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1),
                    Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
      }
    }
    return d[a.length()][b.length()];
  }
}

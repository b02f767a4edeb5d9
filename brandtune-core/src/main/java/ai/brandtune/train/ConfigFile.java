package ai.brandtune.train;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a YAML config file with snake_case keys into a record, with {@code --set key=value}
 * overrides on top. A record may embed another with {@code @JsonUnwrapped} (the shared {@link
 * LoopConfig}): the file stays flat and accepts the keys of both. Errors name the file, the line
 * and the key: an unknown key also names the closest valid one, since a typo silently ignored costs
 * a whole training run.
 */
public final class ConfigFile {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper BINDER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ConfigFile() {}

  /**
   * @param file the YAML file, or null for overrides only
   * @param overrides {@code key=value} strings; values are parsed as YAML scalars or flow lists
   */
  public static <T extends Record> T read(Path file, List<String> overrides, Class<T> type) {
    Set<String> known = knownKeys(type);
    ObjectNode root = YAML.createObjectNode();
    Map<String, Integer> lines = new HashMap<>();
    String where = file == null ? "--set" : file.toString();
    if (file != null) {
      root = parse(file, lines);
    }
    for (String override : overrides) {
      int eq = override.indexOf('=');
      if (eq <= 0) {
        throw new BrandtuneException("--set " + override + ": expected key=value");
      }
      String key = override.substring(0, eq).trim();
      requireKnown(key, known, "--set " + override);
      root.set(key, scalar(override.substring(eq + 1), override));
      lines.remove(key);
    }
    for (var names = root.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      requireKnown(key, known, locate(where, lines.get(key)));
    }
    try {
      return BINDER.treeToValue(root, type);
    } catch (MismatchedInputException e) {
      String key = fileKey(e, root);
      JsonNode value = key == null ? null : root.get(key);
      throw new BrandtuneException(
          locate(where, lines.get(key))
              + ": "
              + key
              + ": cannot use "
              + (value == null ? "this value" : "'" + value.asText() + "'")
              + " ("
              + e.getOriginalMessage().replaceAll("\\s+", " ")
              + ")",
          e);
    } catch (IOException | IllegalArgumentException e) {
      // a record's own validation (compact constructor) arrives wrapped by Jackson
      if (e.getCause() instanceof BrandtuneException b) {
        throw new BrandtuneException(where + ": " + b.getMessage(), b);
      }
      throw new BrandtuneException(where + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file's key a binding error is about: the outermost field, unless that names no key of the
   * file, as for a key of an embedded record, whose path starts at the embedding record.
   */
  private static String fileKey(MismatchedInputException e, ObjectNode root) {
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null && root.has(ref.getFieldName())) {
        return ref.getFieldName();
      }
    }
    return e.getPath().isEmpty() ? "?" : e.getPath().get(0).getFieldName();
  }

  private static ObjectNode parse(Path file, Map<String, Integer> lines) {
    if (!Files.isRegularFile(file)) {
      throw new BrandtuneException(file + ": no such config file");
    }
    try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
      p.setCodec(YAML);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BrandtuneException(file + ": expected a mapping of key: value lines");
      }
      ObjectNode root = YAML.createObjectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonLocation at = p.currentTokenLocation();
        if (root.has(key)) {
          throw new BrandtuneException(file + ":" + at.getLineNr() + ": " + key + " set twice");
        }
        lines.put(key, at.getLineNr());
        p.nextToken();
        root.set(key, p.readValueAsTree());
      }
      return root;
    } catch (IOException e) {
      throw new BrandtuneException(
          file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
  }

  private static JsonNode scalar(String text, String override) {
    try {
      JsonNode node = YAML.readTree(text.isEmpty() ? "null" : text);
      return node == null ? YAML.nullNode() : node;
    } catch (IOException e) {
      throw new BrandtuneException("--set " + override + ": cannot parse the value", e);
    }
  }

  private static String locate(String where, Integer line) {
    return line == null ? where : where + ":" + line;
  }

  private static void requireKnown(String key, Set<String> known, String where) {
    if (!known.contains(key)) {
      String closest =
          known.stream().min(Comparator.comparingInt(k -> editDistance(k, key))).orElse("");
      throw new BrandtuneException(
          where + ": unknown key '" + key + "' (did you mean '" + closest + "'?)");
    }
  }

  /**
   * The snake_case keys a config record accepts: its own, and those of every record it embeds with
   * {@code @JsonUnwrapped} (the shared {@link LoopConfig}), all in one flat file.
   */
  public static <T extends Record> Set<String> knownKeys(Class<T> type) {
    Set<String> keys = new TreeSet<>();
    for (var c : type.getRecordComponents()) {
      if (c.getAccessor().isAnnotationPresent(JsonUnwrapped.class) && c.getType().isRecord()) {
        keys.addAll(knownKeys(c.getType().asSubclass(Record.class)));
      } else {
        keys.add(PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName()));
      }
    }
    return keys;
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}

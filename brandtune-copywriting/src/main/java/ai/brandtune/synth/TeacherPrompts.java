package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The teacher prompts of the synthesis stages: the built-in files under {@code
 * ai/brandtune/synth/prompts/}, each replaced by a file of the same name in {@code prompts_dir}
 * when there is one. Files are YAML with {@code id}, {@code version}, optional {@code description}
 * and {@code system}, and {@code user}.
 */
public final class TeacherPrompts {
  public static final String GENERATE = "generate";
  public static final String CLEAN_REWRITE = "clean_rewrite";
  public static final String CLEAN_ADD_CTA = "clean_add_cta";
  public static final String CLEAN_ENRICH = "clean_enrich";
  public static final String REJECTS_WEAK = "rejects_weak";
  public static final String REJECTS_EXAGGERATED = "rejects_exaggerated";
  public static final String REJECTS_FABRICATED = "rejects_fabricated";

  static final String RESOURCES = "ai/brandtune/synth/prompts/";
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Set<String> KEYS = Set.of("id", "version", "description", "system", "user");

  private final Path dir;
  private final Map<String, TeacherPrompt> loaded = new ConcurrentHashMap<>();

  /**
   * @param dir the user's prompt directory, or null for the built-in prompts only
   */
  public TeacherPrompts(Path dir) {
    this.dir = dir;
    if (dir != null && !Files.isDirectory(dir)) {
      throw new BrandtuneException("prompts_dir: " + dir + " is not a directory");
    }
  }

  /** The prompt with this id (file {@code <id>.yaml}). */
  public TeacherPrompt get(String id) {
    return loaded.computeIfAbsent(id, this::load);
  }

  private TeacherPrompt load(String id) {
    String file = id + ".yaml";
    Path user = dir == null ? null : dir.resolve(file);
    String source;
    String text;
    try {
      if (user != null && Files.isRegularFile(user)) {
        source = user.toString();
        text = Files.readString(user, StandardCharsets.UTF_8);
      } else {
        source = "built-in:" + RESOURCES + file;
        try (InputStream in =
            TeacherPrompts.class.getClassLoader().getResourceAsStream(RESOURCES + file)) {
          if (in == null) {
            throw new IllegalStateException("no built-in prompt " + file);
          }
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw new BrandtuneException(user + ": cannot read: " + e.getMessage(), e);
    }
    return parse(source, id, text);
  }

  static TeacherPrompt parse(String source, String id, String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (IOException e) {
      throw new BrandtuneException(
          source + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new BrandtuneException(source + ": expected a mapping with id, version, system, user");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new BrandtuneException(
            source
                + ": unknown key '"
                + k
                + "'; known keys are description, id, system, user, version");
      }
    }
    String fileId = text(root, "id", source, true);
    if (!fileId.equals(id)) {
      throw new BrandtuneException(
          source + ": id '" + fileId + "' must equal the file name '" + id + "'");
    }
    String version = text(root, "version", source, true);
    String system = text(root, "system", source, false);
    String user = text(root, "user", source, true);
    return new TeacherPrompt(id, version, system, user, source);
  }

  private static String text(JsonNode root, String key, String source, boolean required) {
    JsonNode v = root.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw new BrandtuneException(source + ": missing key '" + key + "'");
      }
      return "";
    }
    if (!v.isValueNode()) {
      throw new BrandtuneException(source + ": '" + key + "' must be text");
    }
    return v.asText();
  }
}

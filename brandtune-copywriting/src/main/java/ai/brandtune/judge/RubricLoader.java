package ai.brandtune.judge;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads rubrics: the built-in ones shipped as resources ({@code ai/brandtune/judge/<group>.yaml})
 * or a directory of edited copies holding the same file names. Every dimension must describe every
 * score 1-5, since an unanchored level is where a judge drifts to leniency.
 */
public final class RubricLoader {
  /** The content-type groups, which are the brand kit's channel ids. */
  public static final List<String> GROUPS = List.of("social_note", "ecommerce", "ad");

  private static final YAMLMapper YAML = new YAMLMapper();

  private RubricLoader() {}

  /** The built-in rubrics by group. */
  public static Map<String, Rubric> builtIn() {
    Map<String, Rubric> out = new LinkedHashMap<>();
    for (String g : GROUPS) {
      String name = "/ai/brandtune/judge/" + g + ".yaml";
      try (InputStream in = RubricLoader.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + name);
        }
        out.put(g, parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read resource " + name, e);
      }
    }
    return out;
  }

  /**
   * Rubrics from {@code dir} ({@code social_note.yaml}, {@code ecommerce.yaml}, {@code ad.yaml}); a
   * group whose file is absent keeps its built-in rubric. Null means the built-in ones.
   */
  public static Map<String, Rubric> load(Path dir) {
    Map<String, Rubric> out = builtIn();
    if (dir == null) {
      return out;
    }
    if (!Files.isDirectory(dir)) {
      throw new BrandtuneException("rubrics_dir: " + dir + " is not a directory");
    }
    for (String g : GROUPS) {
      Path file = dir.resolve(g + ".yaml");
      if (Files.isRegularFile(file)) {
        try {
          out.put(g, parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        } catch (IOException e) {
          throw new BrandtuneException("cannot read " + file + ": " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  /** Parses one rubric file; {@code label} names it in errors. */
  public static Rubric parse(String yaml, String label) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new BrandtuneException(label + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new BrandtuneException(label + ": expected a mapping with group, name, dimensions");
    }
    String group = text(root, "group", label);
    List<Rubric.Dimension> dims = new ArrayList<>();
    JsonNode list = root.path("dimensions");
    if (!list.isArray() || list.isEmpty()) {
      throw new BrandtuneException(label + ": dimensions: expected a non-empty list");
    }
    for (JsonNode d : list) {
      String id = text(d, "id", label + ": dimensions");
      String where = label + ": dimension " + id;
      Map<Integer, String> anchors = new LinkedHashMap<>();
      for (int s = Rubric.MAX_SCORE; s >= Rubric.MIN_SCORE; s--) {
        JsonNode a = d.path("anchors").path(String.valueOf(s));
        if (!a.isTextual() || a.asText().isBlank()) {
          throw new BrandtuneException(
              where + ": anchors: score " + s + " has no description; describe every score 1-5");
        }
        anchors.put(s, a.asText().trim());
      }
      List<String> deductions = new ArrayList<>();
      d.path("deductions").forEach(x -> deductions.add(x.asText().trim()));
      dims.add(
          new Rubric.Dimension(
              id, text(d, "name", where), d.path("question").asText(""), anchors, deductions));
    }
    List<Rubric.Cap> caps = new ArrayList<>();
    for (JsonNode c : root.path("caps")) {
      String when = text(c, "when", label + ": caps");
      CapCondition condition = CapCondition.fromId(when);
      if (condition == null) {
        throw new BrandtuneException(
            label
                + ": caps: unknown condition '"
                + when
                + "'; use fact_contradiction, banned_keyword or missing_cta");
      }
      String dim = text(c, "dimension", label + ": caps");
      if (dims.stream().noneMatch(d -> d.id().equals(dim))) {
        throw new BrandtuneException(
            label + ": caps: dimension '" + dim + "' is not one of this rubric's dimensions");
      }
      int max = c.path("max").asInt(0);
      if (max < Rubric.MIN_SCORE || max > Rubric.MAX_SCORE) {
        throw new BrandtuneException(label + ": caps: max for " + dim + " must be within 1-5");
      }
      caps.add(new Rubric.Cap(condition, dim, max, c.path("text").asText("")));
    }
    return new Rubric(group, root.path("name").asText(group), dims, caps);
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.path(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new BrandtuneException(where + ": " + field + " is required");
    }
    return v.asText().trim();
  }
}

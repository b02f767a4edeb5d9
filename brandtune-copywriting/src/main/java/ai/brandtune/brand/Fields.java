package ai.brandtune.brand;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one YAML mapping into Java values, recording a problem (file, line, column,
 * field path) for each unknown key, missing required key or value of the wrong kind. Readers return
 * null (or an empty list) on a problem and go on, so one pass finds every problem.
 */
final class Fields {
  private final YamlNode.Mapping map;
  private final String file;
  private final String path;
  private final Problems problems;

  private Fields(YamlNode.Mapping map, String file, String path, Problems problems) {
    this.map = map;
    this.file = file;
    this.path = path;
    this.problems = problems;
  }

  /**
   * The mapping at {@code node} restricted to {@code known} keys, or null (problem recorded) when
   * the node is not a mapping.
   */
  static Fields of(YamlNode node, String file, String path, Problems problems, String... known) {
    if (!(node instanceof YamlNode.Mapping m)) {
      problems.add(
          file,
          node == null ? null : node.location(),
          path + ": expected a mapping, found " + (node == null ? "nothing" : node.kind()));
      return null;
    }
    Set<String> allowed = new LinkedHashSet<>(Arrays.asList(known));
    for (YamlNode.Entry e : m.entries().values()) {
      if (!allowed.contains(e.key())) {
        problems.add(
            file,
            e.keyLocation(),
            join(path, e.key())
                + ": unknown field; known fields are "
                + String.join(", ", allowed));
      }
    }
    return new Fields(m, file, path, problems);
  }

  String path() {
    return path;
  }

  String file() {
    return file;
  }

  Problems problems() {
    return problems;
  }

  YamlNode.Location location() {
    return map.location();
  }

  boolean has(String key) {
    YamlNode.Entry e = map.entries().get(key);
    return e != null && !(e.value() instanceof YamlNode.Scalar s && s.isNull());
  }

  /** Where the value of {@code key} is, or the mapping's own location when the key is absent. */
  YamlNode.Location locationOf(String key) {
    YamlNode.Entry e = map.entries().get(key);
    return e == null ? map.location() : e.value().location();
  }

  YamlNode node(String key) {
    YamlNode.Entry e = map.entries().get(key);
    return e == null ? null : e.value();
  }

  void error(String key, String message) {
    problems.add(file, locationOf(key), join(path, key) + ": " + message);
  }

  void errorHere(String message) {
    problems.add(file, map.location(), path + ": " + message);
  }

  /** A required non-blank text; null (problem recorded) when missing, blank or not a scalar. */
  String text(String key) {
    if (!has(key)) {
      problems.add(file, map.location(), join(path, key) + ": missing required field");
      return null;
    }
    return scalarText(key);
  }

  /** An optional text; {@code fallback} when the key is absent. */
  String optionalText(String key, String fallback) {
    return has(key) ? scalarText(key) : fallback;
  }

  private String scalarText(String key) {
    YamlNode n = node(key);
    if (!(n instanceof YamlNode.Scalar s)) {
      error(key, "expected a text, found " + n.kind());
      return null;
    }
    String t = s.text().strip();
    if (t.isEmpty()) {
      error(key, "must not be empty");
      return null;
    }
    return t;
  }

  /**
   * A list of non-blank texts; a missing required list is a problem, a missing optional one is [].
   */
  List<String> texts(String key, boolean required) {
    List<String> out = new ArrayList<>();
    for (Item item : items(key, required)) {
      if (item.node() instanceof YamlNode.Scalar s && !s.isNull() && !s.text().isBlank()) {
        out.add(s.text().strip());
      } else {
        problems.add(
            file,
            item.node().location(),
            item.path() + ": expected a non-empty text, found " + item.node().kind());
      }
    }
    return out;
  }

  /** One element of a list field with its path ({@code products[3]}) for messages. */
  record Item(int index, String path, YamlNode node) {}

  /** The items of a list field; a missing required list is a problem, a missing optional one []. */
  List<Item> items(String key, boolean required) {
    if (!has(key)) {
      if (required) {
        problems.add(file, map.location(), join(path, key) + ": missing required field");
      }
      return List.of();
    }
    YamlNode n = node(key);
    if (!(n instanceof YamlNode.Sequence seq)) {
      error(key, "expected a list, found " + n.kind());
      return List.of();
    }
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      out.add(new Item(i, join(path, key) + "[" + i + "]", seq.items().get(i)));
    }
    return out;
  }

  /** An optional integer in [min, max]; {@code fallback} when absent, null on a problem. */
  Integer integer(String key, Integer fallback, int min, int max) {
    if (!has(key)) {
      return fallback;
    }
    YamlNode n = node(key);
    if (n instanceof YamlNode.Scalar s) {
      try {
        int v = Integer.parseInt(s.text().strip());
        if (v < min || v > max) {
          error(key, "must be between " + min + " and " + max + ", found " + v);
          return null;
        }
        return v;
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    error(key, "expected an integer, found " + describe(n));
    return null;
  }

  /** A required integer in [min, max]. */
  Integer requiredInteger(String key, int min, int max) {
    if (!has(key)) {
      problems.add(file, map.location(), join(path, key) + ": missing required field");
      return null;
    }
    return integer(key, null, min, max);
  }

  /** An optional non-negative number; {@code fallback} when absent, null on a problem. */
  Double number(String key, double fallback) {
    if (!has(key)) {
      return fallback;
    }
    YamlNode n = node(key);
    if (n instanceof YamlNode.Scalar s) {
      try {
        double v = Double.parseDouble(s.text().strip());
        if (!(v >= 0) || Double.isInfinite(v)) {
          error(key, "must be a number >= 0, found " + s.text());
          return null;
        }
        return v;
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    error(key, "expected a number, found " + describe(n));
    return null;
  }

  /** An optional boolean ({@code true}/{@code false}); {@code fallback} when absent. */
  boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    YamlNode n = node(key);
    if (n instanceof YamlNode.Scalar s) {
      String t = s.text().strip();
      if (t.equals("true")) {
        return true;
      }
      if (t.equals("false")) {
        return false;
      }
    }
    error(key, "expected true or false, found " + describe(n));
    return fallback;
  }

  /** The nested mapping under {@code key}, or null when absent (or on a problem). */
  Fields child(String key, boolean required, String... known) {
    if (!has(key)) {
      if (required) {
        problems.add(file, map.location(), join(path, key) + ": missing required field");
      }
      return null;
    }
    return of(node(key), file, join(path, key), problems, known);
  }

  private static String describe(YamlNode n) {
    return n instanceof YamlNode.Scalar s ? "\"" + s.text() + "\"" : n.kind();
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}

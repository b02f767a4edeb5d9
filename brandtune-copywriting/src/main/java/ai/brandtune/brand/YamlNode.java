package ai.brandtune.brand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML value that remembers where it came from, so that every error about a kit file can
 * name its line and column. Jackson's own tree drops locations, hence this small tree.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

  /** Where the value starts in its file (1-based line and column). */
  Location location();

  /** A human word for the node's kind, for "expected a list, found a mapping" messages. */
  String kind();

  record Location(int line, int column) {
    @Override
    public String toString() {
      return line + ":" + column;
    }
  }

  /** One key of a mapping, with the key's own location (unknown-field errors point at the key). */
  record Entry(String key, Location keyLocation, YamlNode value) {}

  /** A mapping; keys keep file order. */
  record Mapping(Map<String, Entry> entries, Location location) implements YamlNode {
    public Mapping {
      entries = new LinkedHashMap<>(entries);
    }

    @Override
    public String kind() {
      return "a mapping";
    }
  }

  record Sequence(List<YamlNode> items, Location location) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }

  /**
   * A scalar as written in the file. {@code text} is the source text (so {@code 0.50} stays {@code
   * 0.50}); {@code isNull} for {@code ~}, {@code null} or an empty value.
   */
  record Scalar(String text, boolean isNull, Location location) implements YamlNode {
    @Override
    public String kind() {
      return isNull ? "an empty value" : "a scalar";
    }
  }
}

package ai.brandtune.brand;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses YAML text into a {@link YamlNode} tree with locations; duplicate keys are errors. */
final class YamlTree {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlTree() {}

  /**
   * The document's root, or null for an empty document or a syntax error (recorded in {@code
   * problems}).
   *
   * @param label the file name used in error messages
   */
  static YamlNode parse(String text, String label, Problems problems) {
    try {
      return parse(text, label);
    } catch (SyntaxError e) {
      problems.add(label, e.at, e.getMessage());
      return null;
    }
  }

  /** A YAML syntax or structure error and where it is. */
  static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient YamlNode.Location at;

    SyntaxError(YamlNode.Location at, String message, Throwable cause) {
      super(message, cause);
      this.at = at;
    }
  }

  static YamlNode parse(String text, String label) {
    try (JsonParser p = FACTORY.createParser(new StringReader(text))) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return null;
      }
      return read(p, label);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new SyntaxError(
          at == null ? null : new YamlNode.Location(at.getLineNr(), at.getColumnNr()),
          "not valid YAML: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new BrandtuneException(label + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static YamlNode read(JsonParser p, String label) throws IOException {
    YamlNode.Location at = location(p);
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          YamlNode.Location keyAt = location(p);
          if (entries.containsKey(key)) {
            throw new SyntaxError(
                keyAt,
                "duplicate key \""
                    + key
                    + "\" (first at line "
                    + entries.get(key).keyLocation().line()
                    + "); keep one",
                null);
          }
          p.nextToken();
          entries.put(key, new YamlNode.Entry(key, keyAt, read(p, label)));
        }
        return new YamlNode.Mapping(entries, at);
      }
      case START_ARRAY -> {
        List<YamlNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p, label));
        }
        return new YamlNode.Sequence(items, at);
      }
      case VALUE_NULL -> {
        return new YamlNode.Scalar("", true, at);
      }
      default -> {
        return new YamlNode.Scalar(p.getText(), false, at);
      }
    }
  }

  private static YamlNode.Location location(JsonParser p) {
    JsonLocation l = p.currentTokenLocation();
    return new YamlNode.Location(l.getLineNr(), l.getColumnNr());
  }
}

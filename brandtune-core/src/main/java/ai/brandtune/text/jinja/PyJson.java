package ai.brandtune.text.jinja;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps}, which transformers installs as the {@code tojson} filter: {@code ",
 * "} and {@code ": "} separators (or {@code ","} with an indent), optional indent and key sorting,
 * and non-ASCII text kept unless {@code ensure_ascii} is set.
 */
final class PyJson {

  private final boolean ensureAscii;
  private final String indent;
  private final String itemSeparator;
  private final String keySeparator;
  private final boolean sortKeys;

  PyJson(boolean ensureAscii, Object indent, Object separators, boolean sortKeys) {
    this.ensureAscii = ensureAscii;
    this.indent = indentString(indent);
    this.sortKeys = sortKeys;
    if (separators != null) {
      List<Object> pair = PyObjects.iterate(separators);
      if (pair.size() != 2) {
        throw PyException.valueError(
            "too many values to unpack (expected 2, got " + pair.size() + ")");
      }
      this.itemSeparator = Methods.requireString("dumps", pair.get(0));
      this.keySeparator = Methods.requireString("dumps", pair.get(1));
    } else {
      this.itemSeparator = this.indent == null ? ", " : ",";
      this.keySeparator = ": ";
    }
  }

  private static String indentString(Object indent) {
    if (indent == null) {
      return null;
    }
    if (indent instanceof String s) {
      return s;
    }
    if (PyObjects.isInteger(indent)) {
      return " ".repeat((int) Math.max(0, PyObjects.asLong(indent)));
    }
    throw PyException.typeError(
        "can't multiply sequence by non-int of type '" + PyObjects.typeName(indent) + "'");
  }

  String dumps(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.toString();
  }

  private void write(Object v, StringBuilder out, int level) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (v instanceof Long l) {
      out.append(l);
    } else if (v instanceof Double d) {
      out.append(floatText(d));
    } else if (v instanceof String s) {
      writeString(s, out);
    } else if (v instanceof List<?> list) {
      writeArray(list, out, level);
    } else if (v instanceof PyTuple t) {
      writeArray(t.items(), out, level);
    } else if (v instanceof Map<?, ?> map) {
      writeObject(map, out, level);
    } else {
      throw PyException.typeError(
          "Object of type " + PyObjects.typeName(v) + " is not JSON serializable");
    }
  }

  private static String floatText(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return PyFloats.repr(d);
  }

  private void newline(StringBuilder out, int level) {
    out.append('\n').append(indent.repeat(level));
  }

  private void writeArray(List<?> items, StringBuilder out, int level) {
    if (items.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(itemSeparator);
      }
      if (indent != null) {
        newline(out, level + 1);
      }
      write(items.get(i), out, level + 1);
    }
    if (indent != null) {
      newline(out, level);
    }
    out.append(']');
  }

  private void writeObject(Map<?, ?> map, StringBuilder out, int level) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    List<Map.Entry<String, Object>> entries = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      entries.add(Map.entry(keyText(e.getKey()), e.getValue() == null ? NULL : e.getValue()));
    }
    if (sortKeys) {
      entries.sort(Comparator.comparing(Map.Entry::getKey, PyObjects::compareCodePoints));
    }
    out.append('{');
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) {
        out.append(itemSeparator);
      }
      if (indent != null) {
        newline(out, level + 1);
      }
      writeString(entries.get(i).getKey(), out);
      out.append(keySeparator);
      Object value = entries.get(i).getValue();
      write(value == NULL ? null : value, out, level + 1);
    }
    if (indent != null) {
      newline(out, level);
    }
    out.append('}');
  }

  /** Map.entry rejects nulls, so JSON null values travel as this marker. */
  private static final Object NULL = new Object();

  private static String keyText(Object key) {
    if (key instanceof String s) {
      return s;
    }
    if (key == null) {
      return "null";
    }
    if (key instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (key instanceof Long l) {
      return l.toString();
    }
    if (key instanceof Double d) {
      return floatText(d);
    }
    throw PyException.typeError(
        "keys must be str, int, float, bool or None, not " + PyObjects.typeName(key));
  }

  private void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || (ensureAscii && c > 0x7e)) {
            // UTF-16 units, so astral characters become surrogate pairs as in Python.
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}

package ai.brandtune.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed, range-checked reads of a JSON request body's fields; every failure is a 400 naming the
 * field ({@code param}) and what it must be.
 */
final class RequestFields {
  private final JsonNode body;

  RequestFields(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.invalid(null, "The request body must be a JSON object.");
    }
    this.body = body;
  }

  JsonNode node(String name) {
    JsonNode n = body.get(name);
    return n == null || n.isNull() ? null : n;
  }

  String requiredString(String name) {
    String s = optionalString(name, null);
    if (s == null) {
      throw ApiException.invalid(name, "Missing required parameter: '" + name + "'.");
    }
    return s;
  }

  String optionalString(String name, String otherwise) {
    JsonNode n = node(name);
    if (n == null) {
      return otherwise;
    }
    if (!n.isTextual()) {
      throw wrongType(name, "a string", n);
    }
    return n.asText();
  }

  double number(String name, double otherwise, double min, double max, boolean minExclusive) {
    JsonNode n = node(name);
    if (n == null) {
      return otherwise;
    }
    if (!n.isNumber()) {
      throw wrongType(name, "a number", n);
    }
    double v = n.asDouble();
    if (!(minExclusive ? v > min : v >= min) || v > max || !Double.isFinite(v)) {
      throw ApiException.invalid(
          name,
          "Invalid '"
              + name
              + "': "
              + n
              + " is out of range; it must be "
              + (minExclusive ? "> " : ">= ")
              + fmt(min)
              + " and <= "
              + fmt(max)
              + ".");
    }
    return v;
  }

  Integer integer(String name, Integer otherwise, long min, long max) {
    JsonNode n = node(name);
    if (n == null) {
      return otherwise;
    }
    if (!n.isIntegralNumber() && !(n.isNumber() && n.asDouble() == Math.rint(n.asDouble()))) {
      throw wrongType(name, "an integer", n);
    }
    long v = n.asLong();
    if (v < min || v > max || !n.canConvertToLong()) {
      throw ApiException.invalid(
          name,
          "Invalid '"
              + name
              + "': "
              + n
              + " is out of range; it must be in "
              + min
              + ".."
              + max
              + ".");
    }
    return (int) v;
  }

  Long longValue(String name) {
    JsonNode n = node(name);
    if (n == null) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw wrongType(name, "a 64-bit integer", n);
    }
    return n.asLong();
  }

  boolean bool(String name, boolean otherwise) {
    JsonNode n = node(name);
    if (n == null) {
      return otherwise;
    }
    if (!n.isBoolean()) {
      throw wrongType(name, "a boolean", n);
    }
    return n.asBoolean();
  }

  /** {@code stop}: a string or an array of at most {@code max} non-empty strings. */
  List<String> stopStrings(String name, int max) {
    JsonNode n = node(name);
    List<String> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (n.isTextual()) {
      out.add(n.asText());
    } else if (n.isArray()) {
      if (n.size() > max) {
        throw ApiException.invalid(
            name, "Invalid '" + name + "': at most " + max + " stop sequences are allowed.");
      }
      for (JsonNode s : n) {
        if (!s.isTextual()) {
          throw wrongType(name, "a string or an array of strings", n);
        }
        out.add(s.asText());
      }
    } else {
      throw wrongType(name, "a string or an array of strings", n);
    }
    if (out.stream().anyMatch(String::isEmpty)) {
      throw ApiException.invalid(name, "Invalid '" + name + "': stop sequences must not be empty.");
    }
    return out;
  }

  static ApiException wrongType(String name, String expected, JsonNode got) {
    return ApiException.invalid(
        name,
        "Invalid type for '"
            + name
            + "': expected "
            + expected
            + ", but got "
            + got.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
            + (got.getNodeType() == JsonNodeType.NUMBER ? " " + got : "")
            + ".");
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}

package ai.brandtune.text.jinja;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** jinja2's built-in tests ({@code x is defined}, {@code x is string}, ...). */
final class Tests {

  private static final Set<String> NAMES =
      Set.of(
          "odd",
          "even",
          "divisibleby",
          "defined",
          "undefined",
          "filter",
          "test",
          "none",
          "boolean",
          "false",
          "true",
          "integer",
          "float",
          "lower",
          "upper",
          "string",
          "mapping",
          "number",
          "sequence",
          "iterable",
          "callable",
          "sameas",
          "escaped",
          "in",
          "==",
          "eq",
          "equalto",
          "!=",
          "ne",
          ">",
          "gt",
          "greaterthan",
          "ge",
          ">=",
          "<",
          "lt",
          "lessthan",
          "<=",
          "le");

  private Tests() {}

  /** jinja2 rejects unknown tests when it compiles a template; so do we, at parse time. */
  static void checkKnown(String name, String template, int line) {
    if (!NAMES.contains(name)) {
      throw TemplateErrors.syntax(template, line, "No test named '" + name + "'.");
    }
  }

  static boolean exists(String name) {
    return NAMES.contains(name);
  }

  static boolean apply(String name, Object value, Args args) {
    List<Object> a = args.positional();
    if (!args.keywords().isEmpty()) {
      throw PyException.unsupported("keyword arguments to the '" + name + "' test");
    }
    return switch (name) {
      case "defined" -> !(value instanceof Undefined);
      case "undefined" -> value instanceof Undefined;
      case "none" -> value == null;
      case "boolean" -> value instanceof Boolean;
      case "true" -> Boolean.TRUE.equals(value);
      case "false" -> Boolean.FALSE.equals(value);
      case "integer" -> value instanceof Long;
      case "float" -> value instanceof Double;
      case "number" -> PyObjects.isNumber(value);
      case "string" -> value instanceof String;
      case "mapping" -> value instanceof Map;
      case "iterable" -> PyObjects.isIterable(value);
      case "sequence" -> isSequence(value);
      case "callable" -> value instanceof PyCallable || value instanceof Undefined;
      case "escaped" ->
          throw PyException.unsupported("the 'escaped' test (Markup is not modelled)");
      case "lower" -> PyStrings.isLower(PyObjects.str(value));
      case "upper" -> PyStrings.isUpper(PyObjects.str(value));
      case "odd" -> Math.floorMod(integer(value), 2) == 1;
      case "even" -> Math.floorMod(integer(value), 2) == 0;
      case "divisibleby" -> {
        long d = integer(arg(name, a, 0));
        if (d == 0) {
          throw new PyException("ZeroDivisionError", "integer division or modulo by zero");
        }
        yield Math.floorMod(integer(value), d) == 0;
      }
      case "sameas" -> sameAs(value, arg(name, a, 0));
      case "in" -> PyObjects.contains(arg(name, a, 0), value);
      case "==", "eq", "equalto" -> PyObjects.equal(value, arg(name, a, 0));
      case "!=", "ne" -> !PyObjects.equal(value, arg(name, a, 0));
      case ">", "gt", "greaterthan" -> PyObjects.order(value, arg(name, a, 0), ">");
      case ">=", "ge" -> PyObjects.order(value, arg(name, a, 0), ">=");
      case "<", "lt", "lessthan" -> PyObjects.order(value, arg(name, a, 0), "<");
      case "<=", "le" -> PyObjects.order(value, arg(name, a, 0), "<=");
      case "filter" -> Filters.exists(Methods.requireString("filter", value));
      case "test" -> exists(Methods.requireString("test", value));
      default -> throw PyException.unsupported("the '" + name + "' test");
    };
  }

  private static Object arg(String test, List<Object> args, int i) {
    if (args.size() <= i) {
      throw PyException.typeError("test_" + test + "() missing required positional argument");
    }
    return args.get(i);
  }

  private static long integer(Object v) {
    if (v instanceof Undefined u) {
      throw u.error();
    }
    if (v instanceof Double) {
      throw PyException.unsupported("the odd/even/divisibleby tests on floats");
    }
    return PyObjects.asLong(v);
  }

  /** Python's {@code is}: identity, which for small values here means same type and value. */
  private static boolean sameAs(Object a, Object b) {
    if (a == null || b == null || a instanceof Boolean || b instanceof Boolean) {
      return a == b || (a != null && a.equals(b));
    }
    if (a instanceof String || a instanceof Long || a instanceof Double) {
      throw PyException.unsupported("'sameas' on strings and numbers (Python identity)");
    }
    return a == b;
  }

  private static boolean isSequence(Object v) {
    return v instanceof String
        || v instanceof List
        || v instanceof PyTuple
        || v instanceof Map
        || v instanceof PyRange
        || v instanceof Undefined;
  }
}

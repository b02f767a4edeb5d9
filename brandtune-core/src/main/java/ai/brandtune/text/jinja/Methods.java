package ai.brandtune.text.jinja;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Python methods templates call on values ({@code str.startswith}, {@code dict.get}, ...).
 * Mutating methods come back as the sandbox's unsafe undefined, as in
 * ImmutableSandboxedEnvironment.
 */
final class Methods {

  private static final Set<String> LIST_MUTATORS =
      Set.of("append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear");
  private static final Set<String> DICT_MUTATORS =
      Set.of("update", "pop", "popitem", "setdefault", "clear");

  /** str methods Python has that this engine does not implement: calling one fails loudly. */
  private static final Set<String> STR_UNSUPPORTED =
      Set.of(
          "format",
          "format_map",
          "encode",
          "translate",
          "maketrans",
          "expandtabs",
          "casefold",
          "isidentifier",
          "isprintable",
          "isascii",
          "istitle",
          "isnumeric",
          "isdecimal");

  private Methods() {}

  /** The bound method {@code obj.name}, an unsafe undefined, or null when there is none. */
  static Object bind(Object obj, String name) {
    if (obj instanceof String s) {
      return stringMethod(s, name);
    }
    if (obj instanceof Map<?, ?> map) {
      if (DICT_MUTATORS.contains(name)) {
        return Undefined.unsafe(obj, name);
      }
      return dictMethod(map, name);
    }
    if (obj instanceof List<?> list) {
      if (LIST_MUTATORS.contains(name)) {
        return Undefined.unsafe(obj, name);
      }
      return sequenceMethod("list", list, name);
    }
    if (obj instanceof PyTuple t) {
      return sequenceMethod("tuple", t.items(), name);
    }
    return null;
  }

  private static Builtin method(String owner, String name, Function<Args, Object> body) {
    return new Builtin(owner + "." + name, body);
  }

  private static Object dictMethod(Map<?, ?> map, String name) {
    @SuppressWarnings("unchecked")
    Map<Object, Object> dict = (Map<Object, Object>) map;
    return switch (name) {
      case "items", "keys", "values" ->
          method(
              "dict",
              name,
              a -> {
                a.bind(name, new String[0], new Object[0]);
                return new DictView("dict_" + name, dict);
              });
      case "get" ->
          method(
              "dict",
              name,
              a -> {
                Object[] p =
                    a.bind(
                        "get", new String[] {"key", "default"}, new Object[] {Args.REQUIRED, null});
                return Dicts.get(dict, p[0], p[1]);
              });
      case "copy" ->
          method(
              "dict",
              name,
              a -> {
                a.bind("copy", new String[0], new Object[0]);
                return new LinkedHashMap<>(dict);
              });
      default -> null;
    };
  }

  private static Object sequenceMethod(String owner, List<?> items, String name) {
    return switch (name) {
      case "count" ->
          method(
              owner,
              name,
              a -> {
                Object x = a.bind("count", new String[] {"value"}, new Object[] {Args.REQUIRED})[0];
                return items.stream().filter(i -> PyObjects.equal(i, x)).count();
              });
      case "index" ->
          method(
              owner,
              name,
              a -> {
                Object x = a.bind("index", new String[] {"value"}, new Object[] {Args.REQUIRED})[0];
                for (int i = 0; i < items.size(); i++) {
                  if (PyObjects.equal(items.get(i), x)) {
                    return (long) i;
                  }
                }
                throw PyException.valueError(PyObjects.repr(x) + " is not in " + owner);
              });
      case "copy" ->
          owner.equals("list") ? method(owner, name, a -> new ArrayList<Object>(items)) : null;
      default -> null;
    };
  }

  private static Object stringMethod(String s, String name) {
    if (STR_UNSUPPORTED.contains(name)) {
      return method(
          "str",
          name,
          a -> {
            throw PyException.unsupported("str." + name + "()");
          });
    }
    return switch (name) {
      case "strip", "lstrip", "rstrip" ->
          method(
              "str",
              name,
              a -> {
                String chars =
                    optionalString(
                        name, a.bind(name, new String[] {"chars"}, new Object[] {null})[0]);
                return switch (name) {
                  case "strip" -> PyStrings.strip(s, chars);
                  case "lstrip" -> PyStrings.lstrip(s, chars);
                  default -> PyStrings.rstrip(s, chars);
                };
              });
      case "split", "rsplit" ->
          method(
              "str",
              name,
              a -> {
                Object[] p =
                    a.bind(name, new String[] {"sep", "maxsplit"}, new Object[] {null, -1L});
                String sep = optionalString(name, p[0]);
                long max = PyObjects.asLong(p[1]);
                return name.equals("split")
                    ? PyStrings.split(s, sep, max)
                    : PyStrings.rsplit(s, sep, max);
              });
      case "splitlines" ->
          method(
              "str",
              name,
              a ->
                  PyStrings.splitlines(
                      s,
                      PyObjects.truthy(
                          a.bind(name, new String[] {"keepends"}, new Object[] {false})[0])));
      case "startswith", "endswith" ->
          method(
              "str",
              name,
              a -> {
                Object[] p =
                    a.bind(
                        name,
                        new String[] {"prefix", "start", "end"},
                        new Object[] {Args.REQUIRED, null, null});
                List<Object> candidates = p[0] instanceof PyTuple t ? t.items() : List.of(p[0]);
                for (Object c : candidates) {
                  if (!(c instanceof String prefix)) {
                    throw PyException.typeError(
                        name
                            + " first arg must be str or a tuple of str, not "
                            + PyObjects.typeName(c));
                  }
                  if (PyStrings.tailMatch(
                      s, prefix, optionalLong(p[1]), optionalLong(p[2]), name.equals("endswith"))) {
                    return true;
                  }
                }
                return false;
              });
      case "upper" -> noArgs(name, () -> PyStrings.upper(s));
      case "lower" -> noArgs(name, () -> PyStrings.lower(s));
      case "title" -> noArgs(name, () -> PyStrings.title(s));
      case "capitalize" -> noArgs(name, () -> PyStrings.capitalize(s));
      case "swapcase" -> noArgs(name, () -> PyStrings.swapcase(s));
      case "isupper" -> noArgs(name, () -> PyStrings.isUpper(s));
      case "islower" -> noArgs(name, () -> PyStrings.isLower(s));
      case "isspace" -> noArgs(name, () -> PyStrings.all(s, PyStrings::isSpace));
      case "isalpha" -> noArgs(name, () -> PyStrings.all(s, Character::isLetter));
      case "isdigit" -> noArgs(name, () -> PyStrings.all(s, Character::isDigit));
      case "isalnum" -> noArgs(name, () -> PyStrings.all(s, Character::isLetterOrDigit));
      case "replace" ->
          method(
              "str",
              name,
              a -> {
                Object[] p =
                    a.bind(
                        name,
                        new String[] {"old", "new", "count"},
                        new Object[] {Args.REQUIRED, Args.REQUIRED, -1L});
                return PyStrings.replace(
                    s,
                    requireString(name, p[0]),
                    requireString(name, p[1]),
                    PyObjects.asLong(p[2]));
              });
      case "find", "rfind", "index", "rindex", "count" ->
          method(
              "str",
              name,
              a -> {
                Object[] p =
                    a.bind(
                        name,
                        new String[] {"sub", "start", "end"},
                        new Object[] {Args.REQUIRED, null, null});
                String sub = requireString(name, p[0]);
                if (name.equals("count")) {
                  return PyStrings.count(s, sub, optionalLong(p[1]), optionalLong(p[2]));
                }
                long at =
                    PyStrings.find(
                        s, sub, optionalLong(p[1]), optionalLong(p[2]), name.startsWith("r"));
                if (at < 0 && name.endsWith("index")) {
                  throw PyException.valueError("substring not found");
                }
                return at;
              });
      case "join" ->
          method(
              "str",
              name,
              a -> {
                Object iterable =
                    a.bind(name, new String[] {"iterable"}, new Object[] {Args.REQUIRED})[0];
                StringBuilder out = new StringBuilder();
                int i = 0;
                for (Object item : PyObjects.iterate(iterable)) {
                  if (!(item instanceof String str)) {
                    throw PyException.typeError(
                        "sequence item "
                            + i
                            + ": expected str instance, "
                            + PyObjects.typeName(item)
                            + " found");
                  }
                  if (i++ > 0) {
                    out.append(s);
                  }
                  out.append(str);
                }
                return out.toString();
              });
      case "center", "ljust", "rjust" ->
          method(
              "str",
              name,
              a -> {
                Object[] p =
                    a.bind(
                        name,
                        new String[] {"width", "fillchar"},
                        new Object[] {Args.REQUIRED, " "});
                String fill = requireString(name, p[1]);
                if (PyStrings.length(fill) != 1) {
                  throw PyException.typeError(
                      "The fill character must be exactly one character long");
                }
                long width = PyObjects.asLong(p[0]);
                return switch (name) {
                  case "center" -> PyStrings.center(s, width, fill);
                  case "ljust" -> PyStrings.ljust(s, width, fill);
                  default -> PyStrings.rjust(s, width, fill);
                };
              });
      case "zfill" ->
          method(
              "str",
              name,
              a ->
                  PyStrings.zfill(
                      s,
                      PyObjects.asLong(
                          a.bind(name, new String[] {"width"}, new Object[] {Args.REQUIRED})[0])));
      case "partition", "rpartition" ->
          method(
              "str",
              name,
              a -> {
                String sep =
                    requireString(
                        name, a.bind(name, new String[] {"sep"}, new Object[] {Args.REQUIRED})[0]);
                if (sep.isEmpty()) {
                  throw PyException.valueError("empty separator");
                }
                int at = name.equals("partition") ? s.indexOf(sep) : s.lastIndexOf(sep);
                if (at < 0) {
                  return name.equals("partition") ? PyTuple.of(s, "", "") : PyTuple.of("", "", s);
                }
                return PyTuple.of(s.substring(0, at), sep, s.substring(at + sep.length()));
              });
      case "removeprefix", "removesuffix" ->
          method(
              "str",
              name,
              a -> {
                String affix =
                    requireString(
                        name,
                        a.bind(name, new String[] {"affix"}, new Object[] {Args.REQUIRED})[0]);
                if (name.equals("removeprefix")) {
                  return s.startsWith(affix) ? s.substring(affix.length()) : s;
                }
                return s.endsWith(affix) && !affix.isEmpty()
                    ? s.substring(0, s.length() - affix.length())
                    : s;
              });
      default -> null;
    };
  }

  private static Builtin noArgs(String name, Supplier<Object> body) {
    return method(
        "str",
        name,
        a -> {
          a.bind(name, new String[0], new Object[0]);
          return body.get();
        });
  }

  static String requireString(String function, Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Undefined u) {
      throw u.error();
    }
    throw PyException.typeError(function + "() argument must be str, not " + PyObjects.typeName(v));
  }

  private static String optionalString(String function, Object v) {
    return v == null ? null : requireString(function, v);
  }

  private static Long optionalLong(Object v) {
    return v == null ? null : PyObjects.asLong(v);
  }
}

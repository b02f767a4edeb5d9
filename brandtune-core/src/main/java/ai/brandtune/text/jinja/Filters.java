package ai.brandtune.text.jinja;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jinja2's built-in filters with jinja2 3.1's semantics (including which ones return one-shot
 * generators), plus transformers' {@code tojson}. Filters jinja2 has but this engine lacks are
 * rejected at parse time.
 */
final class Filters {

  private static final Set<String> JINJA_FILTERS =
      Set.of(
          "abs",
          "attr",
          "batch",
          "capitalize",
          "center",
          "count",
          "d",
          "default",
          "dictsort",
          "e",
          "escape",
          "filesizeformat",
          "first",
          "float",
          "forceescape",
          "format",
          "groupby",
          "indent",
          "int",
          "join",
          "last",
          "length",
          "list",
          "lower",
          "items",
          "map",
          "min",
          "max",
          "pprint",
          "random",
          "reject",
          "rejectattr",
          "replace",
          "reverse",
          "round",
          "safe",
          "select",
          "selectattr",
          "slice",
          "sort",
          "string",
          "striptags",
          "sum",
          "title",
          "trim",
          "truncate",
          "unique",
          "upper",
          "urlencode",
          "urlize",
          "wordcount",
          "wordwrap",
          "xmlattr",
          "tojson");

  /**
   * Filters jinja2 has that this engine rejects. The escaping ones return Markup in jinja2, which
   * escapes whatever is later concatenated to it; without modelling Markup they would render
   * silently wrong, so they fail instead.
   */
  private static final Set<String> UNSUPPORTED =
      Set.of(
          "e",
          "escape",
          "forceescape",
          "filesizeformat",
          "format",
          "groupby",
          "pprint",
          "random",
          "striptags",
          "urlencode",
          "urlize",
          "wordwrap",
          "xmlattr");

  private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern PY_FLOAT =
      Pattern.compile(
          "[+-]?((\\d(_?\\d)*)?\\.?\\d(_?\\d)*([eE][+-]?\\d(_?\\d)*)?|\\d(_?\\d)*\\.([eE][+-]?\\d(_?\\d)*)?"
              + "|inf|infinity|nan)",
          Pattern.CASE_INSENSITIVE);

  private Filters() {}

  /** jinja2 rejects unknown filters when it compiles a template; so do we, at parse time. */
  static void checkKnown(String name, String template, int line) {
    if (!JINJA_FILTERS.contains(name)) {
      throw TemplateErrors.syntax(template, line, "No filter named '" + name + "'.");
    }
    if (UNSUPPORTED.contains(name)) {
      throw TemplateErrors.unsupported(template, line, "the '" + name + "' filter");
    }
  }

  static boolean exists(String name) {
    return JINJA_FILTERS.contains(name);
  }

  static Object apply(String name, Object value, Args args) {
    return switch (name) {
      case "abs" -> abs(value, args);
      case "attr" -> attr(value, args);
      case "batch" -> batch(value, args);
      case "capitalize" -> PyStrings.capitalize(softStr(value, args, name));
      case "center" -> {
        Object[] p = args.bind("center", new String[] {"width"}, new Object[] {80L});
        yield PyStrings.center(softStr(value), PyObjects.asLong(p[0]), " ");
      }
      case "count", "length" -> {
        noArgs(name, args);
        yield PyObjects.length(value);
      }
      case "d", "default" -> {
        Object[] p =
            args.bind(
                "default", new String[] {"default_value", "boolean"}, new Object[] {"", false});
        boolean useDefault =
            value instanceof Undefined || (PyObjects.truthy(p[1]) && !PyObjects.truthy(value));
        yield useDefault ? p[0] : value;
      }
      case "dictsort" -> dictsort(value, args);
      case "first" -> first(value, args);
      case "float" -> toFloat(value, args);
      case "indent" -> indent(value, args);
      case "int" -> toInt(value, args);
      case "join" -> join(value, args);
      case "last" -> last(value, args);
      case "list" -> {
        noArgs(name, args);
        yield PyObjects.iterate(value);
      }
      case "lower" -> PyStrings.lower(softStr(value, args, name));
      case "upper" -> PyStrings.upper(softStr(value, args, name));
      case "items" -> items(value, args);
      case "map" -> map(value, args);
      case "min", "max" -> minMax(name, value, args);
      case "reject" -> selectOrReject(value, args, false, false);
      case "rejectattr" -> selectOrReject(value, args, false, true);
      case "select" -> selectOrReject(value, args, true, false);
      case "selectattr" -> selectOrReject(value, args, true, true);
      case "replace" -> replace(value, args);
      case "reverse" -> reverse(value, args);
      case "round" -> round(value, args);
      case "safe", "string" -> softStr(value, args, name);
      case "slice" -> slice(value, args);
      case "sort" -> sort(value, args);
      case "sum" -> sum(value, args);
      case "title" -> title(softStr(value, args, name));
      case "trim" -> {
        Object[] p = args.bind("trim", new String[] {"chars"}, new Object[] {null});
        yield PyStrings.strip(
            softStr(value), p[0] == null ? null : Methods.requireString("trim", p[0]));
      }
      case "truncate" -> truncate(value, args);
      case "unique" -> unique(value, args);
      case "wordcount" -> {
        Matcher m = WORD.matcher(softStr(value, args, name));
        long n = 0;
        while (m.find()) {
          n++;
        }
        yield n;
      }
      case "tojson" -> tojson(value, args);
      default -> throw PyException.unsupported("the '" + name + "' filter");
    };
  }

  // ---- helpers ----

  /** jinja2's {@code soft_str}: {@code str()} of anything (undefined prints as empty). */
  static String softStr(Object value) {
    return PyObjects.str(value);
  }

  private static String softStr(Object value, Args args, String filter) {
    noArgs(filter, args);
    return softStr(value);
  }

  private static void noArgs(String filter, Args args) {
    args.bind(filter, new String[0], new Object[0]);
  }

  private static PyIterator generator(Iterator<Object> it) {
    return new PyIterator("generator", it);
  }

  /** jinja2's {@code make_attrgetter}: dotted path, digit parts as ints, item-first lookup. */
  private static Function<Object, Object> attrGetter(
      Object attribute, Function<Object, Object> postprocess, Object fallback) {
    List<Object> parts = attributeParts(attribute);
    return item -> {
      Object v = item;
      for (Object part : parts) {
        v = Lookup.getitem(v, part);
        if (fallback != null && v instanceof Undefined) {
          v = fallback;
        }
      }
      return postprocess == null ? v : postprocess.apply(v);
    };
  }

  private static List<Object> attributeParts(Object attribute) {
    List<Object> parts = new ArrayList<>();
    if (attribute == null) {
      return parts;
    }
    if (attribute instanceof String s) {
      for (Object part : PyStrings.split(s, ".", -1)) {
        String p = (String) part;
        parts.add(
            !p.isEmpty() && p.chars().allMatch(Character::isDigit)
                ? (Object) Long.parseLong(p)
                : p);
      }
    } else {
      parts.add(attribute);
    }
    return parts;
  }

  private static Object ignoreCase(Object v) {
    return v instanceof String s ? PyStrings.lower(s) : v;
  }

  // ---- filters ----

  private static Object abs(Object value, Args args) {
    noArgs("abs", args);
    if (value instanceof Double d) {
      return Math.abs(d);
    }
    if (PyObjects.isInteger(value)) {
      return Math.abs(PyObjects.asLong(value));
    }
    throw PyException.typeError("bad operand type for abs(): '" + PyObjects.typeName(value) + "'");
  }

  private static Object attr(Object value, Args args) {
    Object name = args.bind("attr", new String[] {"name"}, new Object[] {Args.REQUIRED})[0];
    String attribute = Methods.requireString("attr", name);
    if (value instanceof Undefined u) {
      throw u.error();
    }
    if (value instanceof Namespace ns) {
      return ns.attributes.containsKey(attribute)
          ? ns.attributes.get(attribute)
          : Undefined.member(value, attribute);
    }
    Object method = Methods.bind(value, attribute);
    if (value instanceof LoopInfo loop && loop.attribute(attribute) != null) {
      return loop.attribute(attribute);
    }
    return method == null ? Undefined.member(value, attribute) : method;
  }

  private static Object batch(Object value, Args args) {
    Object[] p =
        args.bind(
            "batch", new String[] {"linecount", "fill_with"}, new Object[] {Args.REQUIRED, null});
    long lineCount = PyObjects.asLong(p[0]);
    Object fill = p[1];
    Iterator<Object> source = PyObjects.iterator(value);
    return generator(
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return source.hasNext();
          }

          @Override
          public Object next() {
            if (!source.hasNext()) {
              throw new NoSuchElementException();
            }
            List<Object> row = new ArrayList<>();
            while (source.hasNext() && row.size() < lineCount) {
              row.add(source.next());
            }
            if (fill != null) {
              while (row.size() < lineCount) {
                row.add(fill);
              }
            }
            return row;
          }
        });
  }

  private static Object dictsort(Object value, Args args) {
    Object[] p =
        args.bind(
            "dictsort",
            new String[] {"case_sensitive", "by", "reverse"},
            new Object[] {false, "key", false});
    int pos;
    if ("key".equals(p[1])) {
      pos = 0;
    } else if ("value".equals(p[1])) {
      pos = 1;
    } else {
      throw new PyException(
          "FilterArgumentError", "You can only sort by either \"key\" or \"value\"");
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new PyException(
          "AttributeError", "'" + PyObjects.typeName(value) + "' object has no attribute 'items'");
    }
    boolean caseSensitive = PyObjects.truthy(p[0]);
    List<Object> pairs = new DictView("dict_items", castMap(map)).elements();
    Function<Object, Object> key =
        pair -> {
          Object k = ((PyTuple) pair).items().get(pos);
          return caseSensitive ? k : ignoreCase(k);
        };
    return sorted(pairs, key, PyObjects.truthy(p[2]));
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> castMap(Map<?, ?> map) {
    return (Map<Object, Object>) map;
  }

  private static List<Object> sorted(
      List<Object> items, Function<Object, Object> key, boolean reverse) {
    List<Object> keys = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      keys.add(key.apply(items.get(i)));
      order.add(i);
    }
    Comparator<Integer> byKey = (x, y) -> PyObjects.sortCompare(keys.get(x), keys.get(y));
    // Python's sorted(reverse=True) is still stable: equal items keep their order.
    order.sort(reverse ? (x, y) -> byKey.compare(y, x) : byKey);
    List<Object> out = new ArrayList<>();
    for (int i : order) {
      out.add(items.get(i));
    }
    return out;
  }

  private static Object first(Object value, Args args) {
    noArgs("first", args);
    Iterator<Object> it = PyObjects.iterator(value);
    return it.hasNext() ? it.next() : Undefined.hint("No first item, sequence was empty.");
  }

  private static Object last(Object value, Args args) {
    noArgs("last", args);
    if (value instanceof PyIterator it) {
      throw PyException.typeError("'" + it.typeName() + "' object is not reversible");
    }
    List<Object> items = PyObjects.iterate(value);
    return items.isEmpty()
        ? Undefined.hint("No last item, sequence was empty.")
        : items.get(items.size() - 1);
  }

  private static Object toFloat(Object value, Args args) {
    Object fallback = args.bind("float", new String[] {"default"}, new Object[] {0.0})[0];
    Double d = pythonFloat(value);
    return d == null ? fallback : d;
  }

  /** Python's {@code float(value)}, or null where it raises TypeError/ValueError. */
  private static Double pythonFloat(Object value) {
    if (value instanceof Undefined u) {
      throw u.error();
    }
    if (PyObjects.isNumber(value)) {
      return PyObjects.asDouble(value);
    }
    if (value instanceof String s) {
      String t = PyStrings.strip(s, null);
      if (!PY_FLOAT.matcher(t).matches()) {
        return null;
      }
      String plain = t.replace("_", "").toLowerCase();
      if (plain.endsWith("inf") || plain.endsWith("infinity")) {
        return plain.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      if (plain.endsWith("nan")) {
        return Double.NaN;
      }
      return Double.parseDouble(plain);
    }
    return null;
  }

  private static Object toInt(Object value, Args args) {
    Object[] p = args.bind("int", new String[] {"default", "base"}, new Object[] {0L, 10L});
    if (value instanceof Undefined u) {
      throw u.error();
    }
    if (PyObjects.isInteger(value)) {
      return PyObjects.asLong(value);
    }
    if (value instanceof Double d) {
      return truncate(d, p[0]);
    }
    if (value instanceof String s) {
      Long parsed = parseInt(s, PyObjects.asLong(p[1]));
      if (parsed != null) {
        return parsed;
      }
      Double d = pythonFloat(s);
      return d == null ? p[0] : truncate(d, p[0]);
    }
    return p[0];
  }

  private static Object truncate(double d, Object fallback) {
    if (Double.isNaN(d)) {
      return fallback;
    }
    if (Double.isInfinite(d)) {
      throw new PyException("OverflowError", "cannot convert float infinity to integer");
    }
    if (Math.abs(d) >= 9.2e18) {
      throw PyException.unsupported("integers beyond 64 bits");
    }
    return (long) d;
  }

  /** Python's {@code int(s, base)}, or null where it raises ValueError. */
  private static Long parseInt(String s, long base) {
    String t = PyStrings.strip(s, null);
    boolean negative = false;
    if (t.startsWith("+") || t.startsWith("-")) {
      negative = t.startsWith("-");
      t = t.substring(1);
    }
    String lower = t.toLowerCase();
    if ((base == 16 && lower.startsWith("0x"))
        || (base == 8 && lower.startsWith("0o"))
        || (base == 2 && lower.startsWith("0b"))) {
      t = t.substring(2);
      if (t.startsWith("_")) {
        t = t.substring(1);
      }
    } else if (base == 0) {
      throw PyException.unsupported("int(x, base=0)");
    }
    if (t.isEmpty() || t.startsWith("_") || t.endsWith("_") || t.contains("__")) {
      return null;
    }
    try {
      long v = Long.parseLong(t.replace("_", ""), (int) base);
      return negative ? -v : v;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Object indent(Object value, Args args) {
    Object[] p =
        args.bind(
            "indent", new String[] {"width", "first", "blank"}, new Object[] {4L, false, false});
    String indention =
        p[0] instanceof String s ? s : " ".repeat((int) Math.max(0, PyObjects.asLong(p[0])));
    String s = softStr(value) + "\n";
    List<Object> lines = PyStrings.splitlines(s, false);
    StringBuilder rv = new StringBuilder();
    if (PyObjects.truthy(p[2])) {
      for (int i = 0; i < lines.size(); i++) {
        if (i > 0) {
          rv.append('\n').append(indention);
        }
        rv.append((String) lines.get(i));
      }
    } else {
      rv.append((String) lines.get(0));
      for (int i = 1; i < lines.size(); i++) {
        String line = (String) lines.get(i);
        rv.append('\n').append(line.isEmpty() ? line : indention + line);
      }
    }
    return PyObjects.truthy(p[1]) ? indention + rv : rv.toString();
  }

  private static Object join(Object value, Args args) {
    Object[] p = args.bind("join", new String[] {"d", "attribute"}, new Object[] {"", null});
    Iterator<Object> it = PyObjects.iterator(value);
    Function<Object, Object> getter = p[1] == null ? null : attrGetter(p[1], null, null);
    String separator = softStr(p[0]);
    StringBuilder out = new StringBuilder();
    boolean firstItem = true;
    while (it.hasNext()) {
      Object item = it.next();
      if (!firstItem) {
        out.append(separator);
      }
      firstItem = false;
      out.append(softStr(getter == null ? item : getter.apply(item)));
    }
    return out.toString();
  }

  private static Object items(Object value, Args args) {
    noArgs("items", args);
    if (value instanceof Undefined) {
      return generator(Collections.emptyIterator());
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw PyException.typeError("Can only get item pairs from a mapping.");
    }
    return generator(new DictView("dict_items", castMap(map)).elements().iterator());
  }

  private static Object map(Object value, Args args) {
    Function<Object, Object> func;
    if (args.positional().isEmpty() && args.keywords().containsKey("attribute")) {
      Map<String, Object> kw = new LinkedHashMap<>(args.keywords());
      Object attribute = kw.remove("attribute");
      Object fallback = kw.remove("default");
      if (!kw.isEmpty()) {
        throw new PyException(
            "FilterArgumentError",
            "Unexpected keyword argument " + PyStrings.repr(kw.keySet().iterator().next()));
      }
      func = attrGetter(attribute, null, fallback);
    } else {
      if (args.positional().isEmpty()) {
        throw new PyException("FilterArgumentError", "map requires a filter argument");
      }
      String filter = Methods.requireString("map", args.positional().get(0));
      if (!JINJA_FILTERS.contains(filter)) {
        throw new PyException("TemplateRuntimeError", "No filter named '" + filter + "'.");
      }
      if (UNSUPPORTED.contains(filter)) {
        throw PyException.unsupported("the '" + filter + "' filter");
      }
      Args rest = new Args(args.positional().subList(1, args.positional().size()), args.keywords());
      func = item -> apply(filter, item, rest);
    }
    Iterator<Object> source = PyObjects.iterator(value);
    return generator(
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return source.hasNext();
          }

          @Override
          public Object next() {
            return func.apply(source.next());
          }
        });
  }

  private static Object minMax(String name, Object value, Args args) {
    Object[] p =
        args.bind(name, new String[] {"case_sensitive", "attribute"}, new Object[] {false, null});
    List<Object> items = PyObjects.iterate(value);
    if (items.isEmpty()) {
      return Undefined.hint("No aggregated item, sequence was empty.");
    }
    Function<Object, Object> key =
        attrGetter(p[1], PyObjects.truthy(p[0]) ? null : Filters::ignoreCase, null);
    Object best = items.get(0);
    Object bestKey = key.apply(best);
    for (Object item : items.subList(1, items.size())) {
      Object k = key.apply(item);
      boolean better =
          name.equals("min") ? PyObjects.order(k, bestKey, "<") : PyObjects.order(k, bestKey, ">");
      if (better) {
        best = item;
        bestKey = k;
      }
    }
    return best;
  }

  private static Object selectOrReject(
      Object value, Args args, boolean select, boolean byAttribute) {
    String filter = (select ? "select" : "reject") + (byAttribute ? "attr" : "");
    if (!PyObjects.truthy(value)) {
      return generator(Collections.emptyIterator());
    }
    List<Object> a = args.positional();
    int offset = 0;
    Function<Object, Object> transform = Function.identity();
    if (byAttribute) {
      if (a.isEmpty()) {
        throw new PyException("FilterArgumentError", "Missing parameter for attribute name");
      }
      transform = attrGetter(a.get(0), null, null);
      offset = 1;
    }
    Predicate<Object> test;
    if (a.size() > offset) {
      String testName = Methods.requireString(filter, a.get(offset));
      if (!Tests.exists(testName)) {
        throw new PyException("TemplateRuntimeError", "No test named '" + testName + "'.");
      }
      Args testArgs = new Args(a.subList(offset + 1, a.size()), args.keywords());
      test = item -> Tests.apply(testName, item, testArgs);
    } else {
      test = PyObjects::truthy;
    }
    Function<Object, Object> finalTransform = transform;
    Iterator<Object> source = PyObjects.iterator(value);
    return generator(
        new Iterator<>() {
          private Object pending = Dicts.MISSING;

          @Override
          public boolean hasNext() {
            while (pending == Dicts.MISSING && source.hasNext()) {
              Object item = source.next();
              if (test.test(finalTransform.apply(item)) == select) {
                pending = item;
              }
            }
            return pending != Dicts.MISSING;
          }

          @Override
          public Object next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            Object item = pending;
            pending = Dicts.MISSING;
            return item;
          }
        });
  }

  private static Object replace(Object value, Args args) {
    Object[] p =
        args.bind(
            "replace",
            new String[] {"old", "new", "count"},
            new Object[] {Args.REQUIRED, Args.REQUIRED, null});
    long count = p[2] == null ? -1 : PyObjects.asLong(p[2]);
    return PyStrings.replace(softStr(value), softStr(p[0]), softStr(p[1]), count);
  }

  private static Object reverse(Object value, Args args) {
    noArgs("reverse", args);
    if (value instanceof String s) {
      return new StringBuilder(s).reverse().toString();
    }
    String kind;
    if (value instanceof List) {
      kind = "list_reverseiterator";
    } else if (value instanceof Map) {
      kind = "dict_reversekeyiterator";
    } else if (value instanceof PyRange) {
      kind = "range_iterator";
    } else if (value instanceof PyTuple
        || value instanceof Undefined
        || value instanceof DictView) {
      kind = "reversed";
    } else {
      // Not reversible: jinja2 falls back to a reversed list.
      List<Object> items = PyObjects.iterate(value);
      Collections.reverse(items);
      return items;
    }
    List<Object> items = PyObjects.iterate(value);
    Collections.reverse(items);
    return new PyIterator(kind, items.iterator());
  }

  private static Object round(Object value, Args args) {
    Object[] p =
        args.bind("round", new String[] {"precision", "method"}, new Object[] {0L, "common"});
    String method = String.valueOf(p[1]);
    if (!Set.of("common", "ceil", "floor").contains(method)) {
      throw new PyException("FilterArgumentError", "method must be common, ceil or floor");
    }
    long precision = PyObjects.asLong(p[0]);
    if (value instanceof Undefined u) {
      throw u.error();
    }
    if (!PyObjects.isNumber(value)) {
      throw PyException.typeError(
          "type " + PyObjects.typeName(value) + " doesn't define __round__ method");
    }
    if (method.equals("common")) {
      if (PyObjects.isInteger(value)) {
        if (precision < 0) {
          throw PyException.unsupported("round() of an int to negative precision");
        }
        return PyObjects.asLong(value);
      }
      double d = (Double) value;
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return d;
      }
      return new BigDecimal(d).setScale((int) precision, RoundingMode.HALF_EVEN).doubleValue();
    }
    Object scale = Operators.binary(Expr.BinaryOp.POW, 10L, precision);
    double scaled = PyObjects.asDouble(Operators.binary(Expr.BinaryOp.MUL, value, scale));
    double rounded = method.equals("ceil") ? Math.ceil(scaled) : Math.floor(scaled);
    return rounded / PyObjects.asDouble(scale);
  }

  private static Object slice(Object value, Args args) {
    Object[] p =
        args.bind(
            "slice", new String[] {"slices", "fill_with"}, new Object[] {Args.REQUIRED, null});
    List<Object> seq = PyObjects.iterate(value);
    long slices = PyObjects.asLong(p[0]);
    int length = seq.size();
    long perSlice = length / slices;
    long withExtra = length % slices;
    long offset = 0;
    List<Object> out = new ArrayList<>();
    for (long n = 0; n < slices; n++) {
      long start = offset + n * perSlice;
      if (n < withExtra) {
        offset++;
      }
      long end = offset + (n + 1) * perSlice;
      List<Object> part =
          new ArrayList<>(seq.subList((int) Math.min(start, length), (int) Math.min(end, length)));
      if (p[1] != null && n >= withExtra) {
        part.add(p[1]);
      }
      out.add(part);
    }
    return generator(out.iterator());
  }

  private static Object sort(Object value, Args args) {
    Object[] p =
        args.bind(
            "sort",
            new String[] {"reverse", "case_sensitive", "attribute"},
            new Object[] {false, false, null});
    boolean caseSensitive = PyObjects.truthy(p[1]);
    List<Function<Object, Object>> getters = new ArrayList<>();
    if (p[2] instanceof String s) {
      for (Object part : PyStrings.split(s, ",", -1)) {
        getters.add(attrGetter(part, caseSensitive ? null : Filters::ignoreCase, null));
      }
    } else {
      getters.add(attrGetter(p[2], caseSensitive ? null : Filters::ignoreCase, null));
    }
    Function<Object, Object> key =
        item -> {
          List<Object> keys = new ArrayList<>();
          for (Function<Object, Object> g : getters) {
            keys.add(g.apply(item));
          }
          return keys;
        };
    return sorted(PyObjects.iterate(value), key, PyObjects.truthy(p[0]));
  }

  private static Object sum(Object value, Args args) {
    Object[] p = args.bind("sum", new String[] {"attribute", "start"}, new Object[] {null, 0L});
    if (p[1] instanceof String) {
      throw PyException.typeError("sum() can't sum strings [use ''.join(seq) instead]");
    }
    Function<Object, Object> getter =
        p[0] == null ? Function.identity() : attrGetter(p[0], null, null);
    Object total = p[1];
    for (Object item : PyObjects.iterate(value)) {
      total = Operators.binary(Expr.BinaryOp.ADD, total, getter.apply(item));
    }
    return total;
  }

  /** jinja2's {@code title}: capitalises after runs of {@code -}, whitespace and open brackets. */
  private static String title(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int start = i;
      boolean separator = isTitleSeparator(s.codePointAt(i));
      while (i < s.length() && isTitleSeparator(s.codePointAt(i)) == separator) {
        i += Character.charCount(s.codePointAt(i));
      }
      String item = s.substring(start, i);
      int firstLen = Character.charCount(item.codePointAt(0));
      out.append(PyStrings.upper(item.substring(0, firstLen)))
          .append(PyStrings.lower(item.substring(firstLen)));
    }
    return out.toString();
  }

  private static boolean isTitleSeparator(int cp) {
    return cp == '-' || cp == '(' || cp == '{' || cp == '[' || cp == '<' || PyStrings.isSpace(cp);
  }

  private static Object truncate(Object value, Args args) {
    Object[] p =
        args.bind(
            "truncate",
            new String[] {"length", "killwords", "end", "leeway"},
            new Object[] {255L, false, "...", 5L});
    String s = softStr(value);
    long length = PyObjects.asLong(p[0]);
    String end = softStr(p[2]);
    long leeway = PyObjects.asLong(p[3]);
    if (length < PyStrings.length(end)) {
      throw new PyException(
          "AssertionError", "expected length >= " + PyStrings.length(end) + ", got " + length);
    }
    if (PyStrings.length(s) <= length + leeway) {
      return s;
    }
    String head = (String) Lookup.slice(s, null, length - PyStrings.length(end), null);
    if (PyObjects.truthy(p[1])) {
      return head + end;
    }
    return PyStrings.rsplit(head, " ", 1).get(0) + end;
  }

  private static Object unique(Object value, Args args) {
    Object[] p =
        args.bind(
            "unique", new String[] {"case_sensitive", "attribute"}, new Object[] {false, null});
    Function<Object, Object> key =
        attrGetter(p[1], PyObjects.truthy(p[0]) ? null : Filters::ignoreCase, null);
    List<Object> seen = new ArrayList<>();
    List<Object> out = new ArrayList<>();
    for (Object item : PyObjects.iterate(value)) {
      Object k = key.apply(item);
      Dicts.checkHashable(k);
      if (seen.stream().noneMatch(x -> PyObjects.equal(x, k))) {
        seen.add(k);
        out.add(item);
      }
    }
    return generator(out.iterator());
  }

  /** transformers' override: {@code json.dumps(x, ensure_ascii, indent, separators, sort_keys)}. */
  private static Object tojson(Object value, Args args) {
    Object[] p =
        args.bind(
            "tojson",
            new String[] {"ensure_ascii", "indent", "separators", "sort_keys"},
            new Object[] {false, null, null, false});
    return new PyJson(PyObjects.truthy(p[0]), p[1], p[2], PyObjects.truthy(p[3])).dumps(value);
  }
}

package ai.brandtune.text.jinja;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Python semantics for template values: type names, truthiness, {@code str()}/{@code repr()},
 * equality, ordering, iteration, {@code len()} and {@code in}.
 *
 * <p>Values are: null (None), Boolean, Long (int), Double (float), String, List (list), {@link
 * PyTuple}, Map (dict, insertion-ordered), {@link Undefined}, {@link Namespace}, {@link
 * PyIterator}, {@link DictView}, {@link PyRange}, {@link LoopInfo} and {@link PyCallable}.
 */
final class PyObjects {

  private PyObjects() {}

  static String typeName(Object v) {
    if (v == null) {
      return "NoneType";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float";
    }
    if (v instanceof String) {
      return "str";
    }
    if (v instanceof List) {
      return "list";
    }
    if (v instanceof PyTuple) {
      return "tuple";
    }
    if (v instanceof Map) {
      return "dict";
    }
    if (v instanceof Undefined) {
      return "Undefined";
    }
    if (v instanceof Namespace) {
      return "Namespace";
    }
    if (v instanceof PyIterator it) {
      return it.typeName();
    }
    if (v instanceof DictView view) {
      return view.kind();
    }
    if (v instanceof PyRange) {
      return "range";
    }
    if (v instanceof LoopInfo) {
      return "LoopContext";
    }
    if (v instanceof MacroValue) {
      return "Macro";
    }
    return "builtin_function_or_method";
  }

  /** jinja2's {@code object_type_repr}, used in undefined-attribute messages. */
  static String objectTypeRepr(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Namespace) {
      return "jinja2.utils.Namespace object";
    }
    if (v instanceof LoopInfo) {
      return "jinja2.runtime.LoopContext object";
    }
    if (v instanceof MacroValue) {
      return "jinja2.runtime.Macro object";
    }
    if (v instanceof Undefined) {
      return "jinja2.runtime.Undefined object";
    }
    return typeName(v) + " object";
  }

  static boolean isNumber(Object v) {
    return v instanceof Long || v instanceof Double || v instanceof Boolean;
  }

  static boolean isInteger(Object v) {
    return v instanceof Long || v instanceof Boolean;
  }

  /** An int-like value (bool counts, as in Python) as a long. */
  static long asLong(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    throw PyException.typeError("'" + typeName(v) + "' object cannot be interpreted as an integer");
  }

  static double asDouble(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    return asLong(v);
  }

  static boolean truthy(Object v) {
    if (v == null || v instanceof Undefined) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    if (v instanceof Double d) {
      return d != 0.0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof List<?> l) {
      return !l.isEmpty();
    }
    if (v instanceof PyTuple t) {
      return !t.items().isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (v instanceof DictView view) {
      return !view.dict().isEmpty();
    }
    if (v instanceof PyRange r) {
      return r.length() > 0;
    }
    return true;
  }

  /** Python's {@code str()}, which is what {@code {{ }}} prints. */
  static String str(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Undefined) {
      return "";
    }
    return repr(v);
  }

  static String repr(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof Long l) {
      return l.toString();
    }
    if (v instanceof Double d) {
      return PyFloats.repr(d);
    }
    if (v instanceof String s) {
      return PyStrings.repr(s);
    }
    if (v instanceof List<?> list) {
      return join("[", list, "]");
    }
    if (v instanceof PyTuple t) {
      return t.items().size() == 1
          ? "(" + repr(t.items().get(0)) + ",)"
          : join("(", t.items(), ")");
    }
    if (v instanceof Map<?, ?> map) {
      StringJoiner out = new StringJoiner(", ", "{", "}");
      map.forEach((k, val) -> out.add(repr(k) + ": " + repr(val)));
      return out.toString();
    }
    if (v instanceof Undefined) {
      return "Undefined";
    }
    if (v instanceof Namespace ns) {
      return "<Namespace " + repr(ns.attributes) + ">";
    }
    if (v instanceof DictView view) {
      return view.kind() + "(" + repr(view.elements()) + ")";
    }
    if (v instanceof PyRange r) {
      return "range(" + r.start() + ", " + r.stop() + (r.step() == 1 ? "" : ", " + r.step()) + ")";
    }
    if (v instanceof LoopInfo || v instanceof MacroValue) {
      return v.toString();
    }
    // Python prints a memory address here, which no fixture could match.
    throw PyException.unsupported("printing a " + typeName(v) + " object");
  }

  private static String join(String open, List<?> items, String close) {
    StringJoiner out = new StringJoiner(", ", open, close);
    for (Object item : items) {
      out.add(repr(item));
    }
    return out.toString();
  }

  // ---- equality and ordering ----

  static boolean equal(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Undefined || b instanceof Undefined) {
      return a instanceof Undefined && b instanceof Undefined;
    }
    if (isNumber(a) && isNumber(b)) {
      return numericCompare(a, b) == 0;
    }
    if (a instanceof String || b instanceof String) {
      return a.equals(b);
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      return equalLists(la, lb);
    }
    if (a instanceof PyTuple ta && b instanceof PyTuple tb) {
      return equalLists(ta.items(), tb.items());
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (ma.size() != mb.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        Object other = Dicts.get(mb, e.getKey(), Dicts.MISSING);
        if (other == Dicts.MISSING || !equal(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof PyRange ra && b instanceof PyRange rb) {
      return equalLists(iterate(ra), iterate(rb));
    }
    return false;
  }

  private static boolean equalLists(List<?> a, List<?> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!equal(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** -1/0/1, or 2 when either side is NaN (every ordering is then false, as in Python). */
  private static int numericCompare(Object a, Object b) {
    if (a instanceof Double || b instanceof Double) {
      double x = asDouble(a);
      double y = asDouble(b);
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return 2;
      }
      if (Double.isInfinite(x) || Double.isInfinite(y)) {
        return Double.compare(x, y);
      }
      // Exact, like Python's int/float comparison, even past 2^53.
      BigDecimal bx = a instanceof Double ? new BigDecimal(x) : BigDecimal.valueOf(asLong(a));
      BigDecimal by = b instanceof Double ? new BigDecimal(y) : BigDecimal.valueOf(asLong(b));
      return Integer.signum(bx.compareTo(by));
    }
    return Long.compare(asLong(a), asLong(b));
  }

  /** Evaluates {@code a op b} for {@code <, <=, >, >=}. */
  static boolean order(Object a, Object b, String op) {
    if (a instanceof Undefined u) {
      throw u.error();
    }
    if (b instanceof Undefined u) {
      throw u.error();
    }
    int c;
    if (isNumber(a) && isNumber(b)) {
      c = numericCompare(a, b);
      if (c == 2) {
        return false;
      }
    } else if (a instanceof String sa && b instanceof String sb) {
      c = compareCodePoints(sa, sb);
    } else if (a instanceof List<?> la && b instanceof List<?> lb) {
      return orderSequences(la, lb, op);
    } else if (a instanceof PyTuple ta && b instanceof PyTuple tb) {
      return orderSequences(ta.items(), tb.items(), op);
    } else {
      throw PyException.typeError(
          "'"
              + op
              + "' not supported between instances of '"
              + typeName(a)
              + "' and '"
              + typeName(b)
              + "'");
    }
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  private static boolean orderSequences(List<?> a, List<?> b, String op) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      if (!equal(a.get(i), b.get(i))) {
        return order(a.get(i), b.get(i), op);
      }
    }
    int c = Integer.compare(a.size(), b.size());
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** A total order for sorting (Python's {@code sorted} raises on mixed types, so do we). */
  static int sortCompare(Object a, Object b) {
    if (order(a, b, "<")) {
      return -1;
    }
    return order(b, a, "<") ? 1 : 0;
  }

  // ---- iteration ----

  /** Everything {@code for x in v} would produce, materialised (iterators are consumed). */
  static List<Object> iterate(Object v) {
    if (v instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    if (v instanceof PyTuple t) {
      return new ArrayList<>(t.items());
    }
    if (v instanceof String s) {
      List<Object> chars = new ArrayList<>();
      s.codePoints().forEach(cp -> chars.add(Character.toString(cp)));
      return chars;
    }
    if (v instanceof Map<?, ?> map) {
      return new ArrayList<>(map.keySet());
    }
    if (v instanceof DictView view) {
      return view.elements();
    }
    if (v instanceof PyIterator it) {
      List<Object> out = new ArrayList<>();
      it.iterator().forEachRemaining(out::add);
      return out;
    }
    if (v instanceof PyRange r) {
      List<Object> out = new ArrayList<>();
      for (long i = 0; i < r.length(); i++) {
        out.add(r.get(i));
      }
      return out;
    }
    if (v instanceof Undefined) {
      return new ArrayList<>();
    }
    throw PyException.typeError("'" + typeName(v) + "' object is not iterable");
  }

  /** A lazy iterator over {@code v}, for filters that stream like jinja2's generators. */
  static Iterator<Object> iterator(Object v) {
    if (v instanceof PyIterator it) {
      return it.iterator();
    }
    return iterate(v).iterator();
  }

  static boolean isIterable(Object v) {
    return v instanceof List
        || v instanceof PyTuple
        || v instanceof String
        || v instanceof Map
        || v instanceof DictView
        || v instanceof PyIterator
        || v instanceof PyRange
        || v instanceof Undefined
        || v instanceof LoopInfo;
  }

  static long length(Object v) {
    if (v instanceof String s) {
      return PyStrings.length(s);
    }
    if (v instanceof List<?> l) {
      return l.size();
    }
    if (v instanceof PyTuple t) {
      return t.items().size();
    }
    if (v instanceof Map<?, ?> m) {
      return m.size();
    }
    if (v instanceof DictView view) {
      return view.dict().size();
    }
    if (v instanceof PyRange r) {
      return r.length();
    }
    if (v instanceof Undefined) {
      return 0;
    }
    if (v instanceof LoopInfo loop) {
      return loop.length();
    }
    throw PyException.typeError("object of type '" + typeName(v) + "' has no len()");
  }

  /** Python's {@code item in container}. */
  static boolean contains(Object container, Object item) {
    if (container instanceof String s) {
      if (!(item instanceof String sub)) {
        throw PyException.typeError(
            "'in <string>' requires string as left operand, not " + typeName(item));
      }
      return s.contains(sub);
    }
    if (container instanceof Map<?, ?> map) {
      return Dicts.get(map, item, Dicts.MISSING) != Dicts.MISSING;
    }
    if (container instanceof DictView view && view.kind().equals("dict_keys")) {
      return Dicts.get(view.dict(), item, Dicts.MISSING) != Dicts.MISSING;
    }
    if (container instanceof PyIterator it) {
      while (it.iterator().hasNext()) {
        if (equal(it.iterator().next(), item)) {
          return true;
        }
      }
      return false;
    }
    if (container == null
        || container instanceof Namespace
        || container instanceof Boolean
        || container instanceof Long
        || container instanceof Double) {
      throw PyException.typeError("argument of type '" + typeName(container) + "' is not iterable");
    }
    for (Object x : iterate(container)) {
      if (equal(x, item)) {
        return true;
      }
    }
    return false;
  }
}

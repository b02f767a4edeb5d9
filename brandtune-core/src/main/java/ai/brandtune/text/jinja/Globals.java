package ai.brandtune.text.jinja;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names every template sees: jinja2's defaults ({@code range}, {@code dict}, {@code namespace})
 * and the two transformers adds ({@code raise_exception}, {@code strftime_now}).
 */
final class Globals {

  private Globals() {}

  static void install(Frame frame, Clock clock) {
    frame.set("range", new Builtin("range", Globals::range));
    frame.set("dict", new Builtin("dict", a -> dict("dict", a)));
    frame.set("namespace", new Builtin("namespace", Globals::namespace));
    frame.set(
        "raise_exception",
        new Builtin(
            "raise_exception",
            a -> {
              Object message =
                  a.bind("raise_exception", new String[] {"message"}, new Object[] {Args.REQUIRED})[
                      0];
              throw new PyException("TemplateError", PyObjects.str(message));
            }));
    frame.set(
        "strftime_now",
        new Builtin(
            "strftime_now",
            a -> {
              Object format =
                  a.bind("strftime_now", new String[] {"format"}, new Object[] {Args.REQUIRED})[0];
              return Strftime.format(
                  LocalDateTime.now(clock), Methods.requireString("strftime_now", format));
            }));
    for (String name : List.of("lipsum", "cycler", "joiner")) {
      frame.set(
          name,
          new Builtin(
              name,
              a -> {
                throw PyException.unsupported("the " + name + "() global");
              }));
    }
  }

  private static Object range(Args a) {
    if (!a.keywords().isEmpty()) {
      throw PyException.typeError("range() takes no keyword arguments");
    }
    List<Object> p = a.positional();
    long start = 0;
    long step = 1;
    long stop;
    switch (p.size()) {
      case 1 -> stop = PyObjects.asLong(p.get(0));
      case 2, 3 -> {
        start = PyObjects.asLong(p.get(0));
        stop = PyObjects.asLong(p.get(1));
        if (p.size() == 3) {
          step = PyObjects.asLong(p.get(2));
        }
      }
      default -> throw PyException.typeError("range expected at most 3 arguments, got " + p.size());
    }
    if (step == 0) {
      throw PyException.valueError("range() arg 3 must not be zero");
    }
    PyRange r = new PyRange(start, stop, step);
    if (r.length() > PyRange.MAX_RANGE) {
      throw new PyException(
          "OverflowError",
          "Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).");
    }
    return r;
  }

  /** Python's {@code dict(mapping_or_pairs, **kwargs)}. */
  static Map<Object, Object> dict(String function, Args a) {
    if (a.positional().size() > 1) {
      throw PyException.typeError(
          function + " expected at most 1 argument, got " + a.positional().size());
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    if (!a.positional().isEmpty()) {
      Object source = a.positional().get(0);
      if (source instanceof Map<?, ?> map) {
        map.forEach((k, v) -> Dicts.put(out, k, v));
      } else {
        for (Object pair : PyObjects.iterate(source)) {
          List<Object> kv = PyObjects.iterate(pair);
          if (kv.size() != 2) {
            throw PyException.valueError(
                "dictionary update sequence element has length " + kv.size() + "; 2 is required");
          }
          Dicts.put(out, kv.get(0), kv.get(1));
        }
      }
    }
    a.keywords().forEach(out::put);
    return out;
  }

  private static Object namespace(Args a) {
    Namespace ns = new Namespace();
    dict("namespace", a).forEach((k, v) -> ns.attributes.put(PyObjects.str(k), v));
    return ns;
  }
}

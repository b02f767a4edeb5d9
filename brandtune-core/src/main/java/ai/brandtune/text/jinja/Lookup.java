package ai.brandtune.text.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Attribute, item and slice access with jinja2's sandbox rules: {@code x.y} tries the attribute
 * then the item, {@code x['y']} the item then the attribute, and a miss gives an {@link Undefined}
 * (only accessing something on an undefined value raises). Slices are plain Python slicing.
 */
final class Lookup {

  private Lookup() {}

  static Object getattr(Object obj, String name) {
    if (obj instanceof Undefined u) {
      throw u.error();
    }
    Object attribute = attribute(obj, name);
    if (attribute != Dicts.MISSING) {
      return attribute;
    }
    Object item = item(obj, name);
    return item != Dicts.MISSING ? item : Undefined.member(obj, name);
  }

  static Object getitem(Object obj, Object key) {
    if (obj instanceof Undefined u) {
      throw u.error();
    }
    Object item = item(obj, key);
    if (item != Dicts.MISSING) {
      return item;
    }
    if (key instanceof String name) {
      Object attribute = attribute(obj, name);
      if (attribute != Dicts.MISSING) {
        return attribute;
      }
    }
    return Undefined.member(obj, key);
  }

  /** Python's {@code getattr(obj, name)}, or MISSING where Python raises AttributeError. */
  private static Object attribute(Object obj, String name) {
    if (obj instanceof Namespace ns) {
      return ns.attributes.containsKey(name) ? ns.attributes.get(name) : Dicts.MISSING;
    }
    if (obj instanceof LoopInfo loop) {
      Object value = loop.attribute(name);
      return value == null ? Dicts.MISSING : value;
    }
    Object method = Methods.bind(obj, name);
    return method == null ? Dicts.MISSING : method;
  }

  /** Python's {@code obj[key]}, or MISSING where Python raises TypeError/LookupError. */
  private static Object item(Object obj, Object key) {
    if (obj instanceof Map<?, ?> map) {
      if (key instanceof List || key instanceof Map || key instanceof Namespace) {
        return Dicts.MISSING;
      }
      return Dicts.get(map, key, Dicts.MISSING);
    }
    if (!PyObjects.isInteger(key)) {
      return Dicts.MISSING;
    }
    long i = PyObjects.asLong(key);
    if (obj instanceof List<?> list) {
      return index(list, i);
    }
    if (obj instanceof PyTuple t) {
      return index(t.items(), i);
    }
    if (obj instanceof String s) {
      int[] cps = PyStrings.codePoints(s);
      long at = i < 0 ? i + cps.length : i;
      return at < 0 || at >= cps.length ? Dicts.MISSING : Character.toString(cps[(int) at]);
    }
    if (obj instanceof PyRange r) {
      long at = i < 0 ? i + r.length() : i;
      return at < 0 || at >= r.length() ? Dicts.MISSING : r.get(at);
    }
    return Dicts.MISSING;
  }

  private static Object index(List<?> list, long i) {
    long at = i < 0 ? i + list.size() : i;
    return at < 0 || at >= list.size() ? Dicts.MISSING : list.get((int) at);
  }

  /**
   * {@code obj[start:stop:step]}; unlike item access, errors here raise (jinja2 compiles it
   * directly).
   */
  static Object slice(Object obj, Object start, Object stop, Object step) {
    if (obj instanceof Undefined u) {
      throw u.error();
    }
    if (obj instanceof Map) {
      throw PyException.typeError("unhashable type: 'slice'");
    }
    List<Object> items;
    if (obj instanceof List<?> list) {
      items = new ArrayList<>(list);
    } else if (obj instanceof PyTuple t) {
      items = t.items();
    } else if (obj instanceof String s) {
      int[] cps = PyStrings.codePoints(s);
      int[] picked = pick(cps.length, start, stop, step).stream().mapToInt(i -> cps[i]).toArray();
      return new String(picked, 0, picked.length);
    } else {
      throw PyException.typeError("'" + PyObjects.typeName(obj) + "' object is not subscriptable");
    }
    List<Object> out = new ArrayList<>();
    for (int i : pick(items.size(), start, stop, step)) {
      out.add(items.get(i));
    }
    return obj instanceof PyTuple ? new PyTuple(out) : out;
  }

  /** The indices a Python slice selects, per CPython's PySlice_AdjustIndices. */
  static List<Integer> pick(int length, Object startArg, Object stopArg, Object stepArg) {
    long step = sliceIndex(stepArg, 1);
    if (step == 0) {
      throw PyException.valueError("slice step cannot be zero");
    }
    long start;
    long stop;
    if (startArg == null) {
      start = step < 0 ? length - 1 : 0;
    } else {
      start = adjust(sliceIndex(startArg, 0), length, step);
    }
    if (stopArg == null) {
      stop = step < 0 ? -1 : length;
    } else {
      stop = adjust(sliceIndex(stopArg, 0), length, step);
    }
    List<Integer> out = new ArrayList<>();
    if (step > 0) {
      for (long i = start; i < stop; i += step) {
        out.add((int) i);
      }
    } else {
      for (long i = start; i > stop; i += step) {
        out.add((int) i);
      }
    }
    return out;
  }

  private static long adjust(long index, int length, long step) {
    if (index < 0) {
      index += length;
      if (index < 0) {
        index = step < 0 ? -1 : 0;
      }
    } else if (index >= length) {
      index = step < 0 ? length - 1 : length;
    }
    return index;
  }

  private static long sliceIndex(Object v, long whenNone) {
    if (v == null) {
      return whenNone;
    }
    if (v instanceof Undefined u) {
      throw u.error();
    }
    if (!PyObjects.isInteger(v)) {
      throw PyException.typeError(
          "slice indices must be integers or None or have an __index__ method");
    }
    return PyObjects.asLong(v);
  }
}

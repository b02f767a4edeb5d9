package ai.brandtune.text.jinja;

import java.util.List;
import java.util.Map;

/** Python dict lookups on Java maps: keys compare like Python ({@code 1 == 1.0 == True}). */
final class Dicts {

  static final Object MISSING = new Object();

  private Dicts() {}

  static Object get(Map<?, ?> dict, Object key, Object fallback) {
    checkHashable(key);
    if (dict.containsKey(key)) {
      return dict.get(key);
    }
    if (PyObjects.isNumber(key) || key instanceof PyTuple) {
      for (Map.Entry<?, ?> e : dict.entrySet()) {
        if (PyObjects.equal(e.getKey(), key)) {
          return e.getValue();
        }
      }
    }
    return fallback;
  }

  /** Stores like Python: an equal existing key keeps its original form and position. */
  static void put(Map<Object, Object> dict, Object key, Object value) {
    checkHashable(key);
    if (!dict.containsKey(key) && (PyObjects.isNumber(key) || key instanceof PyTuple)) {
      for (Map.Entry<Object, Object> e : dict.entrySet()) {
        if (PyObjects.equal(e.getKey(), key)) {
          e.setValue(value);
          return;
        }
      }
    }
    dict.put(key, value);
  }

  static void checkHashable(Object key) {
    if (key instanceof List || key instanceof Map || key instanceof Namespace) {
      throw PyException.typeError("unhashable type: '" + PyObjects.typeName(key) + "'");
    }
    if (key instanceof PyTuple t) {
      t.items().forEach(Dicts::checkHashable);
    }
  }
}

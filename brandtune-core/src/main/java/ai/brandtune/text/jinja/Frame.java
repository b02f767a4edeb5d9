package ai.brandtune.text.jinja;

import java.util.HashMap;
import java.util.Map;

/**
 * One variable scope. Lookups walk outward; assignments stay local. jinja2 gives every for-loop
 * iteration, macro call and with block its own scope, while if blocks share their parent's.
 */
final class Frame {

  static final Object MISSING = new Object();

  private final Frame parent;
  private final Map<String, Object> vars = new HashMap<>();

  Frame(Frame parent) {
    this.parent = parent;
  }

  Object lookup(String name) {
    for (Frame f = this; f != null; f = f.parent) {
      if (f.vars.containsKey(name)) {
        return f.vars.get(name);
      }
    }
    return MISSING;
  }

  void set(String name, Object value) {
    vars.put(name, value);
  }
}

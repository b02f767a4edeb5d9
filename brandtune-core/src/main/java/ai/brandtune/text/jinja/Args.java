package ai.brandtune.text.jinja;

import java.util.List;
import java.util.Map;

/** Positional and keyword arguments of one call, bound to parameters the way Python does. */
record Args(List<Object> positional, Map<String, Object> keywords) {

  /** Marks a parameter without a default. */
  static final Object REQUIRED = new Object();

  /**
   * Binds to {@code names} with {@code defaults} (same length; {@link #REQUIRED} for required
   * ones). Extra positionals or unknown keywords raise Python's TypeError.
   */
  Object[] bind(String function, String[] names, Object[] defaults) {
    if (positional.size() > names.length) {
      throw PyException.typeError(
          function
              + "() takes at most "
              + names.length
              + " argument"
              + (names.length == 1 ? "" : "s")
              + " ("
              + positional.size()
              + " given)");
    }
    Object[] bound = new Object[names.length];
    boolean[] seen = new boolean[names.length];
    for (int i = 0; i < positional.size(); i++) {
      bound[i] = positional.get(i);
      seen[i] = true;
    }
    for (Map.Entry<String, Object> kw : keywords.entrySet()) {
      int at = indexOf(names, kw.getKey());
      if (at < 0) {
        throw PyException.typeError(
            function + "() got an unexpected keyword argument '" + kw.getKey() + "'");
      }
      if (seen[at]) {
        throw PyException.typeError(
            function + "() got multiple values for argument '" + kw.getKey() + "'");
      }
      bound[at] = kw.getValue();
      seen[at] = true;
    }
    for (int i = 0; i < names.length; i++) {
      if (!seen[i]) {
        if (defaults[i] == REQUIRED) {
          throw PyException.typeError(function + "() missing required argument '" + names[i] + "'");
        }
        bound[i] = defaults[i];
      }
    }
    return bound;
  }

  private static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }
}

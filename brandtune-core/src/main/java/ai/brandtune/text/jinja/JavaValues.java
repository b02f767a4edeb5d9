package ai.brandtune.text.jinja;

import ai.brandtune.BrandtuneException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts caller-supplied Java values into the engine's Python-like values, deeply. */
final class JavaValues {

  private JavaValues() {}

  /**
   * Accepts null, String, Character, Boolean, any Number, List/Collection, arrays and Map; {@code
   * path} names the value in the error if something else turns up.
   */
  static Object toPython(Object v, String path) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Double || v instanceof Float) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof BigInteger big) {
      if (big.bitLength() > 63) {
        throw new BrandtuneException(
            "template value " + path + " = " + big + " does not fit in 64 bits");
      }
      return big.longValue();
    }
    if (v instanceof BigDecimal dec) {
      return dec.doubleValue();
    }
    if (v instanceof Character c) {
      return c.toString();
    }
    if (v instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object key = toPython(e.getKey(), path + " key");
        Dicts.put(out, key, toPython(e.getValue(), path + "." + e.getKey()));
      }
      return out;
    }
    if (v instanceof Collection<?> items) {
      List<Object> out = new ArrayList<>(items.size());
      int i = 0;
      for (Object item : items) {
        out.add(toPython(item, path + "[" + i++ + "]"));
      }
      return out;
    }
    if (v instanceof Object[] array) {
      return toPython(List.of(array), path);
    }
    throw new BrandtuneException(
        "template value "
            + path
            + " has type "
            + v.getClass().getName()
            + "; pass String, Number, Boolean, List, Map or null");
  }
}

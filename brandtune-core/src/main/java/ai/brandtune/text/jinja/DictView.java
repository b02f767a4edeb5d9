package ai.brandtune.text.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code dict.items()}, {@code keys()} or {@code values()}: a live, re-iterable view. */
record DictView(String kind, Map<Object, Object> dict) {

  List<Object> elements() {
    List<Object> out = new ArrayList<>(dict.size());
    for (Map.Entry<Object, Object> e : dict.entrySet()) {
      out.add(
          switch (kind) {
            case "dict_keys" -> e.getKey();
            case "dict_values" -> e.getValue();
            default -> PyTuple.of(e.getKey(), e.getValue());
          });
    }
    return out;
  }
}

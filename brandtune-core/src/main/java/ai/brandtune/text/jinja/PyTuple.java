package ai.brandtune.text.jinja;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A Python tuple: like a list but printed with parentheses and never equal to a list. */
record PyTuple(List<Object> items) {

  PyTuple {
    items = Collections.unmodifiableList(new ArrayList<>(items));
  }

  static PyTuple of(Object... items) {
    return new PyTuple(Arrays.asList(items));
  }
}

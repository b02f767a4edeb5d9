package ai.brandtune.text.jinja;

import java.util.List;

/** The {@code loop} variable of a for loop; one object per loop that advances, like jinja2's. */
final class LoopInfo {

  private final List<Object> items;
  private int index0;
  private Object lastChanged = new Object();

  LoopInfo(List<Object> items) {
    this.items = items;
  }

  void moveTo(int index0) {
    this.index0 = index0;
  }

  int length() {
    return items.size();
  }

  /** The attribute {@code name}, or null when the loop object has no such attribute. */
  Object attribute(String name) {
    int n = items.size();
    return switch (name) {
      case "index0" -> (long) index0;
      case "index" -> (long) index0 + 1;
      case "revindex" -> (long) (n - index0);
      case "revindex0" -> (long) (n - index0 - 1);
      case "first" -> index0 == 0;
      case "last" -> index0 == n - 1;
      case "length" -> (long) n;
      case "depth" -> 1L;
      case "depth0" -> 0L;
      case "previtem" ->
          index0 > 0 ? items.get(index0 - 1) : Undefined.hint("there is no previous item");
      case "nextitem" ->
          index0 < n - 1 ? items.get(index0 + 1) : Undefined.hint("there is no next item");
      case "cycle" -> new Builtin("loop.cycle", this::cycle);
      case "changed" -> new Builtin("loop.changed", this::changed);
      default -> null;
    };
  }

  private Object cycle(Args args) {
    if (args.positional().isEmpty()) {
      throw PyException.typeError("no items for cycling given");
    }
    return args.positional().get(index0 % args.positional().size());
  }

  private Object changed(Args args) {
    PyTuple value = new PyTuple(args.positional());
    if (!PyObjects.equal(lastChanged, value)) {
      lastChanged = value;
      return true;
    }
    return false;
  }

  @Override
  public String toString() {
    return "<LoopContext " + (index0 + 1) + "/" + items.size() + ">";
  }
}

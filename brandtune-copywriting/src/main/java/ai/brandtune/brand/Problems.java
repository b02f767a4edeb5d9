package ai.brandtune.brand;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a kit loads, so one run reports all of them, not just the first. */
final class Problems {
  private final List<KitProblem> list = new ArrayList<>();

  void add(String file, YamlNode.Location at, String message) {
    list.add(
        at == null
            ? new KitProblem(file, 0, 0, message)
            : new KitProblem(file, at.line(), at.column(), message));
  }

  void add(KitProblem problem) {
    list.add(problem);
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  int size() {
    return list.size();
  }

  List<KitProblem> list() {
    return List.copyOf(list);
  }
}

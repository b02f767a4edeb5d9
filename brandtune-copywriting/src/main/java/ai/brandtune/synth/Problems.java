package ai.brandtune.synth;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of a validation run, in the order found. */
final class Problems {
  private final List<DataProblem> list = new ArrayList<>();

  void error(String where, String message) {
    list.add(new DataProblem(where, DataProblem.Severity.ERROR, message));
  }

  void warning(String where, String message) {
    list.add(new DataProblem(where, DataProblem.Severity.WARNING, message));
  }

  /**
   * A parse error from {@link SynthFiles}, whose message starts with {@code where: }; the prefix is
   * dropped so the problem prints the location once.
   */
  void parseError(String where, String message) {
    String prefix = where + ": ";
    error(where, message.startsWith(prefix) ? message.substring(prefix.length()) : message);
  }

  List<DataProblem> all() {
    return List.copyOf(list);
  }
}

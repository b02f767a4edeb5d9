package ai.brandtune.brand.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects findings while rules run; hands them back in text order. */
final class Findings {
  private final List<Finding> list = new ArrayList<>();

  void add(
      Rule rule,
      Severity severity,
      String message,
      int start,
      int end,
      String evidence,
      String subject) {
    list.add(new Finding(rule, severity, message, start, end, evidence, subject));
  }

  /** A finding about the copy as a whole (empty span at 0). */
  void whole(Rule rule, Severity severity, String message) {
    list.add(new Finding(rule, severity, message, 0, 0, "", ""));
  }

  List<Finding> sorted() {
    List<Finding> out = new ArrayList<>(list);
    out.sort(
        Comparator.comparingInt(Finding::start)
            .thenComparingInt(Finding::end)
            .thenComparing(f -> f.rule().ordinal()));
    return out;
  }

  List<Finding> all() {
    return list;
  }
}

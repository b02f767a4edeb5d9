package ai.brandtune.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What changed between two eval runs: for every judge and model present in both, the mean score per
 * content type before and after, and the brand-rule violation rates before and after.
 */
public final class RunDiff {
  private RunDiff() {}

  /** One compared number. */
  public record Change(String judge, String model, String what, double before, double after) {
    public double delta() {
      return after - before;
    }
  }

  public static List<Change> compare(ReportStats before, ReportStats after) {
    List<Change> out = new ArrayList<>();
    for (String judge : after.judges()) {
      if (!before.judges().contains(judge)) {
        continue;
      }
      Map<String, Map<String, ReportStats.Mean>> a = before.meanByType(judge);
      Map<String, Map<String, ReportStats.Mean>> b = after.meanByType(judge);
      for (var type : b.entrySet()) {
        Map<String, ReportStats.Mean> old = a.get(type.getKey());
        if (old == null) {
          continue;
        }
        for (var m : type.getValue().entrySet()) {
          ReportStats.Mean o = old.get(m.getKey());
          if (o != null) {
            out.add(
                new Change(
                    judge, m.getKey(), "mean " + type.getKey(), o.value(), m.getValue().value()));
          }
        }
      }
    }
    Map<String, Map<String, ReportStats.Mean>> va = before.violationRates();
    after
        .violationRates()
        .forEach(
            (model, kinds) -> {
              Map<String, ReportStats.Mean> old = va.get(model);
              if (old != null) {
                kinds.forEach(
                    (k, v) -> {
                      if (old.containsKey(k)) {
                        out.add(
                            new Change(
                                "brand_rules",
                                model,
                                "violation " + k,
                                old.get(k).value(),
                                v.value()));
                      }
                    });
              }
            });
    return out;
  }
}

package ai.brandtune.train.grpo;

import java.util.LinkedHashMap;
import java.util.Map;

/** Per-step metrics averaged over the steps between two {@code metrics.jsonl} lines. */
final class GrpoMetrics {
  private final Map<String, Double> sums = new LinkedHashMap<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();

  void add(Map<String, Double> step) {
    step.forEach(
        (name, value) -> {
          sums.merge(name, value, Double::sum);
          counts.merge(name, 1, Integer::sum);
        });
  }

  /** Each metric's mean over the steps that reported it, in first-seen order. */
  Map<String, Object> means() {
    Map<String, Object> out = new LinkedHashMap<>();
    sums.forEach((name, sum) -> out.put(name, sum / counts.get(name)));
    return out;
  }
}

package ai.brandtune.synth;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code validate} found in a data directory: the files it checked with their record counts,
 * in the order checked, and every problem, errors first.
 */
public record ValidationReport(Map<String, Integer> files, List<DataProblem> problems) {

  public ValidationReport {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    // a stable sort: errors first, each kind in the order found
    problems = problems.stream().sorted(Comparator.comparing(DataProblem::severity)).toList();
  }

  public List<DataProblem> errors() {
    return problems.stream().filter(DataProblem::isError).toList();
  }

  public List<DataProblem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  public boolean ok() {
    return problems.stream().noneMatch(DataProblem::isError);
  }
}

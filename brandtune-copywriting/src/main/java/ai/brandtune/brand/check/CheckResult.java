package ai.brandtune.brand.check;

import java.util.List;

/**
 * What the checker found in one copy: findings in text order, the copy's length (non-whitespace
 * characters) and its score.
 */
public record CheckResult(List<Finding> findings, int length, Score score) {

  public CheckResult {
    findings = List.copyOf(findings);
  }

  public List<Finding> errors() {
    return findings.stream().filter(Finding::isError).toList();
  }

  public boolean hasErrors() {
    return findings.stream().anyMatch(Finding::isError);
  }

  public List<Finding> of(Rule rule) {
    return findings.stream().filter(f -> f.rule() == rule).toList();
  }

  /** Fact findings that are errors: claims the catalog does not support. */
  public List<Finding> factErrors() {
    return findings.stream().filter(f -> f.rule().isFact() && f.isError()).toList();
  }
}

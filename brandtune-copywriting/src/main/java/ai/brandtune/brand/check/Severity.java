package ai.brandtune.brand.check;

/** How much a finding matters. Errors break a brand rule; warnings are heuristics; infos inform. */
public enum Severity {
  ERROR("错误"),
  WARNING("警告"),
  INFO("提示");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  /** The Chinese label shown to marketers. */
  public String label() {
    return label;
  }

  /** Lower case id for JSON ({@code error}, {@code warning}, {@code info}). */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

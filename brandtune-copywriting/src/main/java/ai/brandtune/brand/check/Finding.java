package ai.brandtune.brand.check;

/**
 * One thing the checker found in a copy.
 *
 * @param rule which rule
 * @param severity how much it matters
 * @param message what is wrong and what to write instead, in Chinese
 * @param start first character of the offending text (a Java {@code String} index, UTF-16)
 * @param end one past the last character; {@code start == end} when the finding is about the whole
 *     copy (too short, no call to action, ...)
 * @param evidence the offending text as it is written in the copy ({@code "神 器"}, {@code "10%"},
 *     {@code "维生素B3"}); empty for whole-copy findings
 * @param subject the canonical thing the finding is about: the banned keyword, the ingredient or
 *     effect name from the dictionaries ({@code "烟酰胺"}), the rule term; empty when none
 */
public record Finding(
    Rule rule,
    Severity severity,
    String message,
    int start,
    int end,
    String evidence,
    String subject) {

  public Finding {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + "," + end + ")");
    }
    evidence = evidence == null ? "" : evidence;
    subject = subject == null ? "" : subject;
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** Whether the span overlaps [{@code from}, {@code to}). */
  public boolean overlaps(int from, int to) {
    return start < to && from < end;
  }
}

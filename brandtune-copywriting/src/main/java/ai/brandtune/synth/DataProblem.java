package ai.brandtune.synth;

/**
 * One problem {@code validate} found: where ({@code file:line}, or the file alone for a whole-file
 * problem), how bad, and what is wrong. Printed as {@code where: message}, the form editors and
 * terminals turn into links.
 */
public record DataProblem(String where, Severity severity, String message) {

  /** Errors make {@code validate} (and {@code data build}) fail; warnings are reported only. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return where + ": " + message;
  }
}

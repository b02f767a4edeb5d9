package ai.brandtune.brand;

/**
 * One problem found in a kit file: where it is (file, 1-based line and column; 0 when the whole
 * file is meant) and what is wrong. Printed as {@code file:line:column: message}, the form editors
 * and terminals turn into links.
 */
public record KitProblem(String file, int line, int column, String message) {

  @Override
  public String toString() {
    if (line <= 0) {
      return file + ": " + message;
    }
    return column <= 0
        ? file + ":" + line + ": " + message
        : file + ":" + line + ":" + column + ": " + message;
  }
}

package ai.brandtune.brand.corpus;

/** A record with the file and 1-based line it was read from, for messages. */
public record Numbered<T>(String file, int line, T value) {
  public String where() {
    return file + ":" + line;
  }
}

package ai.brandtune.brand;

/** An inclusive range of counts, such as a length in characters or a number of hashtags. */
public record IntRange(int min, int max) {

  public boolean contains(int n) {
    return n >= min && n <= max;
  }

  @Override
  public String toString() {
    return min + "-" + max;
  }
}

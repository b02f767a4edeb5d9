package ai.brandtune.text;

/**
 * Token ids of a text with where each token came from: token {@code i} covers the UTF-16 chars
 * {@code [starts[i], ends[i])} of the encoded string (so {@code text.substring(start(i), end(i))}
 * works on Java strings). Needed to map character spans, such as an assistant turn inside a
 * rendered chat, onto tokens. Several tokens may share one span (the byte tokens of one character).
 */
public record EncodedText(long[] ids, int[] starts, int[] ends) {

  public EncodedText {
    if (ids.length != starts.length || ids.length != ends.length) {
      throw new IllegalArgumentException(
          "ids, starts and ends differ in length: "
              + ids.length
              + ", "
              + starts.length
              + ", "
              + ends.length);
    }
  }

  public int size() {
    return ids.length;
  }

  public long id(int i) {
    return ids[i];
  }

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
  }
}

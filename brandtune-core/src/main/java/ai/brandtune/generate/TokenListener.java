package ai.brandtune.generate;

/** Streaming callback, called on the generating thread for every new token of every row. */
@FunctionalInterface
public interface TokenListener {
  /**
   * @param textDelta the text this token completes; empty while a multi-byte character is still
   *     incomplete or after a stop string matched
   */
  void onToken(int row, long tokenId, String textDelta);
}

package ai.brandtune.generate;

/**
 * Why a row stopped, with OpenAI's names: an EOS token or stop string, the token limit, or a caller
 * that cancelled it (a server's client disconnected or timed out).
 */
public enum FinishReason {
  STOP,
  LENGTH,
  CANCELLED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

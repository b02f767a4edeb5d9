package ai.brandtune.generate;

/** Why a row stopped, with OpenAI's names: an EOS token or stop string, or the token limit. */
public enum FinishReason {
  STOP,
  LENGTH;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

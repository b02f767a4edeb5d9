package ai.brandtune.llm;

/** The tokens one answer cost, as the server reported them (0 when it reported none). */
public record TokenUsage(long promptTokens, long completionTokens) {

  public static final TokenUsage NONE = new TokenUsage(0, 0);

  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}

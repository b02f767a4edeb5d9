package ai.brandtune.serve;

/**
 * How many tokens a request may generate: its ask, the server's cap and what the context leaves.
 */
final class PromptBudget {
  private PromptBudget() {}

  static int maxTokens(ServedModel model, ServeConfig config, int promptLen, Integer asked) {
    int context = model.contextLength();
    int room = context - promptLen;
    if (room < 1 || (asked != null && asked > room)) {
      throw new ApiException(
          400,
          "invalid_request_error",
          "This model's maximum context length is "
              + context
              + " tokens. However, you requested "
              + (promptLen + (asked == null ? 1 : asked))
              + " tokens ("
              + promptLen
              + " in the messages, "
              + (asked == null ? 1 : asked)
              + " in the completion). Please reduce the length of the messages or completion.",
          "messages",
          "context_length_exceeded");
    }
    return asked != null ? asked : Math.min(config.maxTokens(), room);
  }
}

package ai.brandtune.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** How a conversation is framed for the chat template: the system prompt and template switches. */
final class ConversationOptions {
  @Option(
      names = "--system",
      paramLabel = "TEXT",
      description = "System prompt placed before the conversation (chat mode only).")
  String system;

  @Option(
      names = "--enable-thinking",
      paramLabel = "BOOL",
      arity = "1",
      description =
          "Passed to the chat template as enable_thinking (Qwen3 reasoning on/off)."
              + " Default: the template's own default.")
  Boolean enableThinking;

  /** Extra variables for the template; only what the user set, so templates keep their defaults. */
  Map<String, Object> templateVariables() {
    return enableThinking == null ? Map.of() : Map.of("enable_thinking", enableThinking);
  }
}

package ai.brandtune.serve;

import ai.brandtune.text.ChatMessage;
import java.util.List;

/**
 * A validated {@code POST /v1/chat/completions} body. {@code maxTokens} is null when the client
 * left it to the server (then the cap, or what the context leaves, applies).
 */
record ChatRequest(
    String model,
    List<ChatMessage> messages,
    double temperature,
    double topP,
    Integer maxTokens,
    int n,
    List<String> stop,
    Long seed,
    boolean stream,
    boolean includeUsage) {}

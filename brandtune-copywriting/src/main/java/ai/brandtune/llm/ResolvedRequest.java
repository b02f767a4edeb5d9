package ai.brandtune.llm;

import ai.brandtune.text.ChatMessage;
import java.net.URI;
import java.util.List;

/**
 * A request with every value decided: exactly what goes on the wire, and what the cache key is a
 * hash of. It holds no credential, so neither does the key nor the cache entry.
 *
 * @param basePath the path of {@code base_url} (e.g. {@code /v1}); the host is left out so a cache
 *     survives the same server moving to another address or port
 */
record ResolvedRequest(
    String basePath,
    String model,
    List<ChatMessage> messages,
    Double temperature,
    Double topP,
    Integer maxTokens,
    Long seed,
    boolean jsonMode,
    Integer topLogprobs) {

  static String pathOf(String baseUrl) {
    String path = URI.create(baseUrl).getPath();
    return path == null || path.isEmpty() ? "/" : path;
  }
}

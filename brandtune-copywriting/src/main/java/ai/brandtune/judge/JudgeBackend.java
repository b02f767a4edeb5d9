package ai.brandtune.judge;

import ai.brandtune.llm.ChatRequest;
import ai.brandtune.llm.ChatResult;
import ai.brandtune.llm.LlmClient;
import ai.brandtune.text.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the judge's questions go: a batch of conversations in, one answer text (or empty, when the
 * request gave up) per conversation out, in order. Production uses {@link #of(LlmClient)}; tests
 * script answers.
 */
@FunctionalInterface
public interface JudgeBackend {
  /**
   * @param variant distinguishes repeated judgments of the same conversation (self-consistency), so
   *     a response cache does not answer the second from the first; 0 for ordinary requests
   */
  List<Optional<String>> complete(List<List<ChatMessage>> conversations, int variant);

  /**
   * Requests through the {@code llm} client (cache, retries, concurrency, usage). Temperature is 0
   * unless the client's config sets one; a nonzero variant is sent as the seed offset.
   */
  static JudgeBackend of(LlmClient client) {
    return (conversations, variant) -> {
      List<ChatRequest> requests = new ArrayList<>();
      for (List<ChatMessage> c : conversations) {
        ChatRequest r = ChatRequest.of(c);
        if (client.config().temperature() == null) {
          r = r.withTemperature(variant == 0 ? 0.0 : 0.7);
        }
        if (variant != 0) {
          long base = client.config().seed() == null ? 0 : client.config().seed();
          r = r.withSeed(base + variant);
        }
        requests.add(r);
      }
      List<Optional<String>> out = new ArrayList<>();
      for (ChatResult r : client.chatAll(requests, "judge", x -> {})) {
        out.add(r.ok() ? Optional.of(r.content()) : Optional.empty());
      }
      return out;
    };
  }
}

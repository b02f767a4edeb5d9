package ai.brandtune.llm;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import java.util.List;

/**
 * One chat-completion request: the messages and, where a caller needs other values than the
 * config's, per-request overrides. A null override takes the config's value (see {@link
 * LlmConfig}).
 *
 * <p>Identical requests are answered from the cache, so a caller that wants several different
 * samples of one prompt (a judge averaging n judgments) must vary something that is sent, e.g.
 * {@link #withSeed(long)}.
 *
 * @param messages the conversation, system first
 * @param model another model on the same endpoint (a weaker teacher for weak rejects)
 * @param temperature overrides {@code temperature}
 * @param topP overrides {@code top_p}
 * @param maxTokens overrides {@code max_tokens}
 * @param seed overrides {@code seed}
 * @param jsonMode overrides {@code json_mode}
 * @param topLogprobs ask for the log-probabilities of this many alternatives per generated token (0
 *     to 20; a judge's probability-weighted scores); null for none
 */
public record ChatRequest(
    List<ChatMessage> messages,
    String model,
    Double temperature,
    Double topP,
    Integer maxTokens,
    Long seed,
    Boolean jsonMode,
    Integer topLogprobs) {

  public ChatRequest {
    if (messages == null || messages.isEmpty()) {
      throw new BrandtuneException("a chat request needs at least one message");
    }
    messages = List.copyOf(messages);
    if (topLogprobs != null && (topLogprobs < 0 || topLogprobs > 20)) {
      throw new BrandtuneException("top_logprobs: " + topLogprobs + " must be within [0, 20]");
    }
  }

  public static ChatRequest of(List<ChatMessage> messages) {
    return new ChatRequest(messages, null, null, null, null, null, null, null);
  }

  public static ChatRequest of(ChatMessage... messages) {
    return of(List.of(messages));
  }

  /** A system prompt and one user turn, the shape of every teacher and judge prompt. */
  public static ChatRequest of(String system, String user) {
    return of(ChatMessage.system(system), ChatMessage.user(user));
  }

  /** A single user turn. */
  public static ChatRequest user(String user) {
    return of(ChatMessage.user(user));
  }

  public ChatRequest withModel(String v) {
    return new ChatRequest(messages, v, temperature, topP, maxTokens, seed, jsonMode, topLogprobs);
  }

  public ChatRequest withTemperature(double v) {
    return new ChatRequest(messages, model, v, topP, maxTokens, seed, jsonMode, topLogprobs);
  }

  public ChatRequest withTopP(double v) {
    return new ChatRequest(messages, model, temperature, v, maxTokens, seed, jsonMode, topLogprobs);
  }

  public ChatRequest withMaxTokens(int v) {
    return new ChatRequest(messages, model, temperature, topP, v, seed, jsonMode, topLogprobs);
  }

  public ChatRequest withSeed(long v) {
    return new ChatRequest(messages, model, temperature, topP, maxTokens, v, jsonMode, topLogprobs);
  }

  public ChatRequest withJsonMode(boolean v) {
    return new ChatRequest(messages, model, temperature, topP, maxTokens, seed, v, topLogprobs);
  }

  public ChatRequest withTopLogprobs(int v) {
    return new ChatRequest(messages, model, temperature, topP, maxTokens, seed, jsonMode, v);
  }

  /** This request with the config's values filled in: what is sent, hashed and cached. */
  ResolvedRequest resolve(LlmConfig config) {
    return new ResolvedRequest(
        ResolvedRequest.pathOf(config.baseUrl()),
        model != null ? model : config.model(),
        messages,
        temperature != null ? temperature : config.temperature(),
        topP != null ? topP : config.topP(),
        maxTokens != null ? maxTokens : config.maxTokens(),
        seed != null ? seed : config.seed(),
        jsonMode != null ? jsonMode : config.jsonMode(),
        topLogprobs);
  }
}

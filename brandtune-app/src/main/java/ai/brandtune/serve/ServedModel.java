package ai.brandtune.serve;

import ai.brandtune.BrandtuneException;
import ai.brandtune.generate.ContinuousBatch;
import ai.brandtune.generate.Generator;
import ai.brandtune.model.CausalLm;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.text.HfTokenizer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chat model a server runs: weights, tokenizer (with its chat template) and end-of-sequence
 * ids. Tokenizing is thread-safe and runs on HTTP threads; the weights are touched only by the
 * model thread through {@link #generator()}.
 */
public final class ServedModel {
  private final CausalLm model;
  private final HfTokenizer tokenizer;
  private final Set<Long> eosIds;
  private final long padId;

  public ServedModel(CausalLm model, HfTokenizer tokenizer, Set<Long> eosIds, long padId) {
    if (tokenizer.chatTemplate().isEmpty()) {
      throw new BrandtuneException(
          tokenizer.directory()
              + ": the tokenizer has no chat template, which /v1/chat/completions needs;"
              + " serve a chat model (tokenizer_config.json 'chat_template')");
    }
    this.model = model;
    this.tokenizer = tokenizer;
    this.eosIds = Set.copyOf(eosIds);
    this.padId = padId;
  }

  public int contextLength() {
    return model.config().maxPositionEmbeddings();
  }

  /** Prompt ids of a conversation, ending with the assistant's generation prompt. */
  public long[] promptIds(List<ChatMessage> messages) {
    return tokenizer.encode(tokenizer.applyChatTemplate(messages, true, Map.of()));
  }

  public HfTokenizer tokenizer() {
    return tokenizer;
  }

  /** A generator over the weights; call it on the model thread only. */
  Generator generator() {
    return new Generator(model, tokenizer::decode, eosIds, padId);
  }

  /** A continuous batch over the weights; create, step and close it on the model thread only. */
  ContinuousBatch batch(int slots, int columns) {
    return new ContinuousBatch(model, tokenizer::decode, eosIds, padId, slots, columns);
  }
}

package ai.brandtune.text;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Token strings and ids read from {@code tokenizer.json} (the model vocabulary plus added tokens),
 * which DJL's tokenizer does not expose: needed for the vocabulary size and special-token ids.
 */
final class TokenizerVocabulary {
  private final Map<String, Long> ids = new HashMap<>();
  private final Map<Long, String> tokens = new HashMap<>();
  private final Set<Long> special = new HashSet<>();
  private long maxId = -1;

  static TokenizerVocabulary read(Path tokenizerJson) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(tokenizerJson.toFile());
    } catch (IOException e) {
      throw new BrandtuneException(tokenizerJson + ": cannot read tokenizer: " + e.getMessage(), e);
    }
    TokenizerVocabulary v = new TokenizerVocabulary();
    JsonNode vocab = root.path("model").path("vocab");
    if (vocab.isObject()) { // BPE, WordPiece, WordLevel
      vocab.fields().forEachRemaining(e -> v.add(e.getKey(), e.getValue().asLong(), false));
    } else if (vocab.isArray()) { // Unigram: [token, score] by id
      for (int i = 0; i < vocab.size(); i++) {
        v.add(vocab.get(i).get(0).asText(), i, false);
      }
    } else {
      throw new BrandtuneException(tokenizerJson + ": field 'model.vocab' is missing");
    }
    for (JsonNode added : root.path("added_tokens")) {
      v.add(
          added.path("content").asText(),
          added.path("id").asLong(),
          added.path("special").asBoolean());
    }
    return v;
  }

  private void add(String token, long id, boolean isSpecial) {
    ids.put(token, id);
    tokens.put(id, token);
    if (isSpecial) {
      special.add(id);
    }
    maxId = Math.max(maxId, id);
  }

  Long id(String token) {
    return ids.get(token);
  }

  String token(long id) {
    return tokens.get(id);
  }

  /** Highest id + 1. */
  int size() {
    return Math.toIntExact(maxId + 1);
  }

  Set<Long> specialIds() {
    return Set.copyOf(special);
  }
}

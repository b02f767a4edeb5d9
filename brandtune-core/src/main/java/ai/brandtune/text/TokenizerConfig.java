package ai.brandtune.text;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of a Hugging Face {@code tokenizer_config.json} that shape prompts: special tokens
 * (each a string or an {@code AddedToken} object, reduced to its content; null when unset), the
 * add-BOS/EOS flags (null when the file leaves them to the tokenizer), {@code model_max_length}
 * (capped at {@link Long#MAX_VALUE}: transformers writes 1e30 for "no limit") and {@code
 * added_tokens_decoder}.
 */
public record TokenizerConfig(
    String bosToken,
    String eosToken,
    String unkToken,
    String sepToken,
    String padToken,
    String clsToken,
    String maskToken,
    List<String> additionalSpecialTokens,
    Boolean addBosToken,
    Boolean addEosToken,
    Long modelMaxLength,
    Map<Integer, AddedToken> addedTokensDecoder) {

  /** One entry of {@code added_tokens_decoder}. */
  public record AddedToken(String content, boolean special) {}

  public TokenizerConfig {
    additionalSpecialTokens = List.copyOf(additionalSpecialTokens);
    addedTokensDecoder = Collections.unmodifiableMap(new TreeMap<>(addedTokensDecoder));
  }

  public static TokenizerConfig read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new BrandtuneException(
          "cannot read tokenizer config " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new BrandtuneException(file + ": expected a JSON object at the top level");
    }
    Fields f = new Fields(file, root);
    return new TokenizerConfig(
        f.token("bos_token"),
        f.token("eos_token"),
        f.token("unk_token"),
        f.token("sep_token"),
        f.token("pad_token"),
        f.token("cls_token"),
        f.token("mask_token"),
        f.tokenList("additional_special_tokens"),
        f.bool("add_bos_token"),
        f.bool("add_eos_token"),
        f.maxLength("model_max_length"),
        f.addedTokens("added_tokens_decoder"));
  }

  /**
   * The special tokens transformers passes to chat templates ({@code special_tokens_map}): only
   * those that are set, tokens as strings and {@code additional_special_tokens} as a list.
   */
  public Map<String, Object> specialTokensMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    putIfSet(map, "bos_token", bosToken);
    putIfSet(map, "eos_token", eosToken);
    putIfSet(map, "unk_token", unkToken);
    putIfSet(map, "sep_token", sepToken);
    putIfSet(map, "pad_token", padToken);
    putIfSet(map, "cls_token", clsToken);
    putIfSet(map, "mask_token", maskToken);
    if (!additionalSpecialTokens.isEmpty()) {
      map.put("additional_special_tokens", additionalSpecialTokens);
    }
    return map;
  }

  private static void putIfSet(Map<String, Object> map, String key, String token) {
    // transformers skips falsy values, so an empty string counts as unset too.
    if (token != null && !token.isEmpty()) {
      map.put(key, token);
    }
  }

  /** Field readers that name the file and field in every error. */
  private record Fields(Path file, JsonNode root) {

    private BrandtuneException bad(String field, String expected, JsonNode got) {
      return new BrandtuneException(
          file + ": field \"" + field + "\" must be " + expected + ", got " + got);
    }

    String token(String field) {
      return tokenValue(field, root.get(field));
    }

    private String tokenValue(String field, JsonNode node) {
      if (node == null || node.isNull()) {
        return null;
      }
      if (node.isTextual()) {
        return node.asText();
      }
      if (node.isObject() && node.path("content").isTextual()) {
        return node.get("content").asText();
      }
      throw bad(field, "a string, null or an AddedToken object with a \"content\" string", node);
    }

    List<String> tokenList(String field) {
      JsonNode node = root.get(field);
      List<String> out = new ArrayList<>();
      if (node == null || node.isNull()) {
        return out;
      }
      if (!node.isArray()) {
        throw bad(field, "a list of tokens", node);
      }
      for (JsonNode item : node) {
        out.add(tokenValue(field, item));
      }
      return out;
    }

    Boolean bool(String field) {
      JsonNode node = root.get(field);
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isBoolean()) {
        throw bad(field, "true, false or null", node);
      }
      return node.asBoolean();
    }

    Long maxLength(String field) {
      JsonNode node = root.get(field);
      if (node == null || node.isNull()) {
        return null;
      }
      if (node.isIntegralNumber()) {
        BigInteger value = node.bigIntegerValue();
        return value.bitLength() > 63 ? Long.MAX_VALUE : value.longValue();
      }
      if (node.isNumber()) {
        double value = node.asDouble();
        return value >= 9.2e18 ? Long.MAX_VALUE : (long) value;
      }
      throw bad(field, "a number", node);
    }

    Map<Integer, AddedToken> addedTokens(String field) {
      JsonNode node = root.get(field);
      Map<Integer, AddedToken> out = new TreeMap<>();
      if (node == null || node.isNull()) {
        return out;
      }
      if (!node.isObject()) {
        throw bad(field, "an object mapping token ids to tokens", node);
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String where = field + "." + e.getKey();
        int id;
        try {
          id = Integer.parseInt(e.getKey());
        } catch (NumberFormatException ex) {
          throw new BrandtuneException(
              file + ": field \"" + field + "\" has a non-integer token id \"" + e.getKey() + "\"");
        }
        JsonNode token = e.getValue();
        if (!token.isObject() || !token.path("content").isTextual()) {
          throw bad(where, "an object with a \"content\" string", token);
        }
        JsonNode special = token.get("special");
        if (special != null && !special.isNull() && !special.isBoolean()) {
          throw bad(where + ".special", "true or false", special);
        }
        out.put(
            id,
            new AddedToken(token.get("content").asText(), special != null && special.asBoolean()));
      }
      return out;
    }
  }
}

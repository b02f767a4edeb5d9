package ai.brandtune.eval;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads prompt-only JSONL ({@code {"prompt":[messages], "meta":{"product_id","content_type"},
 * "answer": optional}}), checking every product and content type against the brand kit so a typo
 * fails before any model is loaded.
 */
public final class EvalPrompts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EvalPrompts() {}

  public static List<EvalPrompt> read(Path file, BrandKit kit, Integer maxPrompts) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BrandtuneException("prompts: cannot read " + file + ": " + e.getMessage(), e);
    }
    List<EvalPrompt> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (maxPrompts != null && out.size() >= maxPrompts) {
        break;
      }
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = file + ":" + (i + 1);
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (IOException e) {
        throw new BrandtuneException(where + ": not valid JSON", e);
      }
      JsonNode prompt = n.path("prompt");
      if (!prompt.isArray() || prompt.isEmpty()) {
        throw new BrandtuneException(where + ": prompt must be a non-empty list of messages");
      }
      List<ChatMessage> messages = new ArrayList<>();
      for (JsonNode m : prompt) {
        if (!m.path("role").isTextual() || !m.path("content").isTextual()) {
          throw new BrandtuneException(where + ": each prompt message needs role and content");
        }
        messages.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
      }
      String product = n.path("meta").path("product_id").asText(null);
      String type = n.path("meta").path("content_type").asText(null);
      if (product == null || type == null) {
        throw new BrandtuneException(
            where + ": meta.product_id and meta.content_type are required");
      }
      if (kit.product(product).isEmpty()) {
        throw new BrandtuneException(
            where + ": meta.product_id '" + product + "' is not in the brand kit");
      }
      if (kit.contentType(type).isEmpty()) {
        throw new BrandtuneException(
            where + ": meta.content_type '" + type + "' is not in the brand kit");
      }
      String id = n.path("meta").path("id").asText(String.format(Locale.ROOT, "p%04d", i + 1));
      String answer = n.path("answer").isTextual() ? n.get("answer").asText() : null;
      out.add(new EvalPrompt(id, messages, product, type, answer));
    }
    if (out.isEmpty()) {
      throw new BrandtuneException("prompts: " + file + " holds no prompts");
    }
    return out;
  }
}

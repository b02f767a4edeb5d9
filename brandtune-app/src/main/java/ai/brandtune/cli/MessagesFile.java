package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A JSON file holding a conversation: {@code [{"role": "...", "content": "..."}, ...]}. */
final class MessagesFile {
  private MessagesFile() {}

  static List<ChatMessage> read(Path file, String flag) {
    if (!Files.isRegularFile(file)) {
      throw new BrandtuneException(flag + " " + file + ": no such file");
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new BrandtuneException(
          flag + " " + file + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BrandtuneException(flag + " " + file + ": cannot read: " + e.getMessage(), e);
    }
    // a chat dataset record ({"messages": [...]}) is accepted too, so JSONL lines can be scored
    if (root != null && root.isObject() && root.has("messages")) {
      root = root.get("messages");
    }
    if (root == null || !root.isArray() || root.isEmpty()) {
      throw new BrandtuneException(
          flag
              + " "
              + file
              + ": expected a non-empty JSON array of {\"role\", \"content\"} objects");
    }
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode m = root.get(i);
      JsonNode role = m.get("role");
      JsonNode content = m.get("content");
      if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
        throw new BrandtuneException(
            flag
                + " "
                + file
                + ": message ["
                + i
                + "] needs string fields \"role\" and \"content\"");
      }
      messages.add(new ChatMessage(role.asText(), content.asText()));
    }
    return messages;
  }
}

package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversations to score, each ending with the assistant copy that gets the reward: one JSON
 * conversation ({@code [{"role", "content"}, ...]} or {@code {"messages": [...]}}), or JSONL with
 * one conversation per line.
 *
 * @param prompts each conversation without its final assistant message
 * @param responses each final assistant message's content
 */
record ScoredConversations(List<List<ChatMessage>> prompts, List<String> responses) {

  static ScoredConversations read(Path file, String flag) {
    if (!Files.isRegularFile(file)) {
      throw new BrandtuneException(flag + " " + file + ": no such file");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BrandtuneException(flag + " " + file + ": cannot read: " + e.getMessage(), e);
    }
    List<List<ChatMessage>> prompts = new ArrayList<>();
    List<String> responses = new ArrayList<>();
    JsonNode whole = parseOrNull(text);
    if (whole != null) {
      add(whole, file + "", flag, prompts, responses);
    } else {
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        String where = file + ":" + (i + 1);
        JsonNode node = parseOrNull(lines[i]);
        if (node == null) {
          throw new BrandtuneException(flag + " " + where + ": not valid JSON");
        }
        add(node, where, flag, prompts, responses);
      }
    }
    if (prompts.isEmpty()) {
      throw new BrandtuneException(flag + " " + file + ": no conversation to score");
    }
    return new ScoredConversations(prompts, responses);
  }

  /** The one JSON value {@code text} holds, or null (also when more follows, as in JSONL). */
  private static JsonNode parseOrNull(String text) {
    try {
      return Json.MAPPER
          .readerFor(JsonNode.class)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readValue(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static void add(
      JsonNode node,
      String where,
      String flag,
      List<List<ChatMessage>> prompts,
      List<String> responses) {
    if (node.isObject() && node.has("messages")) {
      node = node.get("messages");
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new BrandtuneException(
          flag + " " + where + ": expected a non-empty array of {\"role\", \"content\"} messages");
    }
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode m = node.get(i);
      JsonNode role = m.get("role");
      JsonNode content = m.get("content");
      if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
        throw new BrandtuneException(
            flag + " " + where + ": message [" + i + "] needs string fields role and content");
      }
      messages.add(new ChatMessage(role.asText(), content.asText()));
    }
    ChatMessage last = messages.get(messages.size() - 1);
    if (!last.role().equals("assistant")) {
      throw new BrandtuneException(
          flag
              + " "
              + where
              + ": the last message must be the assistant copy to score, found role '"
              + last.role()
              + "'");
    }
    prompts.add(List.copyOf(messages.subList(0, messages.size() - 1)));
    responses.add(last.content());
  }
}

package ai.brandtune.data;

import static ai.brandtune.data.JsonlReader.describe;

import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Field readers shared by the JSONL record parsers (SFT, preference): each throws an {@link
 * InvalidRecordException} whose message names the field and what it should hold, so every format
 * reports errors the same way.
 */
final class RecordFields {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ROLES = Set.of("system", "user", "assistant");
  private static final Set<String> TOOL_ROLES =
      Set.of("tool", "function", "function_call", "observation", "ipython");

  private RecordFields() {}

  /**
   * A list of chat messages; {@code shareGpt} also maps ShareGPT's {@code human}/{@code gpt} roles.
   * An assistant message without content is an empty assistant turn, any other a missing field.
   */
  static List<ChatMessage> messages(
      JsonNode list, String field, String roleKey, String contentKey, boolean shareGpt) {
    if (!list.isArray()) {
      throw wrongType(field, "an array of messages", list);
    }
    List<ChatMessage> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String where = field + "[" + i + "]";
      JsonNode m = list.get(i);
      if (!m.isObject()) {
        throw wrongType(where, "an object with \"" + roleKey + "\" and \"" + contentKey + "\"", m);
      }
      String role = role(requiredString(m, roleKey, where), where, roleKey, shareGpt);
      JsonNode content = m.get(contentKey);
      if (content == null || content.isNull()) {
        if (role.equals("assistant")) {
          throw new InvalidRecordException(
              BadRecordReason.EMPTY_ASSISTANT_TURN,
              "empty assistant turn: " + where + " has no \"" + contentKey + "\"");
        }
        throw new InvalidRecordException(
            BadRecordReason.MISSING_FIELD, "missing field \"" + where + "." + contentKey + "\"");
      }
      if (!content.isTextual()) {
        throw wrongType(where + "." + contentKey, "a string", content);
      }
      out.add(new ChatMessage(role, content.asText()));
    }
    return out;
  }

  /** {role, content} messages, the form of brandtune's and TRL's conversational records. */
  static List<ChatMessage> messages(JsonNode list, String field) {
    return messages(list, field, "role", "content", false);
  }

  private static String role(String raw, String where, String roleKey, boolean shareGpt) {
    String role = raw;
    if (shareGpt) {
      role =
          switch (raw) {
            case "human" -> "user";
            case "gpt" -> "assistant";
            default -> raw;
          };
    }
    if (ROLES.contains(role)) {
      return role;
    }
    if (TOOL_ROLES.contains(role)) {
      throw new InvalidRecordException(
          BadRecordReason.UNKNOWN_ROLE,
          where
              + "."
              + roleKey
              + " is \""
              + raw
              + "\": tool turns are not supported in training data yet; use system, user or"
              + " assistant");
    }
    throw new InvalidRecordException(
        BadRecordReason.UNKNOWN_ROLE,
        "unknown role \""
            + raw
            + "\" in "
            + where
            + "."
            + roleKey
            + "; use system, user or assistant"
            + (shareGpt ? " (or human, gpt)" : ""));
  }

  /** The record's optional {@code meta} object as a map, empty when absent. */
  static Map<String, Object> meta(JsonNode record) {
    JsonNode meta = record.get("meta");
    if (meta == null || meta.isNull()) {
      return Map.of();
    }
    if (!meta.isObject()) {
      throw wrongType("meta", "an object", meta);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = JSON.convertValue(meta, LinkedHashMap.class);
    return map;
  }

  static String requiredString(JsonNode node, String field) {
    return requiredString(node, field, null);
  }

  /** A string field; {@code parent} (may be null) prefixes the field name in messages. */
  static String requiredString(JsonNode node, String field, String parent) {
    String name = parent == null ? field : parent + "." + field;
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidRecordException(
          BadRecordReason.MISSING_FIELD, "missing field \"" + name + "\"");
    }
    if (!value.isTextual()) {
      throw wrongType(name, "a string", value);
    }
    return value.asText();
  }

  static Optional<String> optionalString(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw wrongType(field, "a string", value);
    }
    return Optional.of(value.asText());
  }

  static InvalidRecordException wrongType(String field, String expected, JsonNode got) {
    return new InvalidRecordException(
        BadRecordReason.WRONG_TYPE,
        "field \"" + field + "\" must be " + expected + ", got " + describe(got));
  }

  static List<String> fieldNames(JsonNode record) {
    List<String> names = new ArrayList<>();
    record.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

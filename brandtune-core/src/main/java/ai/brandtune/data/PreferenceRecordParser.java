package ai.brandtune.data;

import static ai.brandtune.data.JsonlReader.describe;
import static ai.brandtune.data.RecordFields.fieldNames;
import static ai.brandtune.data.RecordFields.messages;
import static ai.brandtune.data.RecordFields.meta;
import static ai.brandtune.data.RecordFields.wrongType;

import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Converts one preference record to a {@link PreferenceExample}: TRL's preference format with an
 * explicit prompt, standard or conversational, extended to several rejected completions.
 *
 * <ul>
 *   <li>{@code prompt}: a string (one user message) or a list of {role, content} messages;
 *   <li>{@code chosen}: a string, or a list of messages whose last is the assistant answer;
 *   <li>{@code rejected}: a string, a list of strings, a list of messages (one rejected answer, its
 *       last message), or a list of such lists;
 *   <li>{@code rejected_type} (one string for every rejected) or {@code rejected_types} (one per
 *       rejected), optional; {@code margin}, an optional number; {@code meta}, an optional object.
 * </ul>
 *
 * Without {@code prompt}, chosen and rejected must be whole conversations (TRL's implicit prompt):
 * the prompt is everything before chosen's last message, and every rejected conversation must start
 * with the same messages.
 */
final class PreferenceRecordParser implements JsonlReader.RecordParser<PreferenceExample> {

  @Override
  public PreferenceExample parse(JsonNode record, String location) {
    if (!record.has("chosen") && !record.has("rejected")) {
      throw new InvalidRecordException(
          BadRecordReason.UNKNOWN_FORMAT,
          "a preference record needs \"prompt\", \"chosen\" and \"rejected\"; fields present: "
              + fieldNames(record));
    }
    Map<String, Object> meta = meta(record);
    JsonNode promptNode = record.get("prompt");
    boolean implicitPrompt = promptNode == null || promptNode.isNull();
    List<ChatMessage> prompt = implicitPrompt ? null : prompt(promptNode);

    Completion chosen = completion(required(record, "chosen"), "chosen");
    if (implicitPrompt) {
      if (chosen.context().isEmpty()) {
        throw new InvalidRecordException(
            BadRecordReason.MISSING_FIELD,
            "missing field \"prompt\" (needed unless chosen and rejected are whole conversations"
                + " that start with the prompt)");
      }
      prompt = chosen.context();
    }
    List<Completion> rejected = rejected(required(record, "rejected"));
    for (int i = 0; i < rejected.size(); i++) {
      Completion r = rejected.get(i);
      if (implicitPrompt && !r.context().equals(prompt)) {
        throw new InvalidRecordException(
            BadRecordReason.WRONG_TYPE,
            "rejected["
                + i
                + "] does not start with the same messages as chosen; without a \"prompt\" field"
                + " both must be whole conversations with a shared prompt");
      }
    }
    List<String> texts = new ArrayList<>();
    for (Completion r : rejected) {
      texts.add(r.text());
    }
    List<String> types = rejectedTypes(record, texts.size());
    return new PreferenceExample(
        prompt, chosen.text(), texts, types, margin(record), meta, location);
  }

  /** An assistant text and, when it came as a conversation, the messages before it. */
  private record Completion(List<ChatMessage> context, String text) {}

  private static JsonNode required(JsonNode record, String field) {
    JsonNode node = record.get(field);
    if (node == null || node.isNull()) {
      throw new InvalidRecordException(
          BadRecordReason.MISSING_FIELD, "missing field \"" + field + "\"");
    }
    return node;
  }

  private static List<ChatMessage> prompt(JsonNode node) {
    if (node.isTextual()) {
      return List.of(ChatMessage.user(node.asText()));
    }
    if (node.isArray()) {
      List<ChatMessage> messages = messages(node, "prompt");
      if (messages.isEmpty()) {
        throw new InvalidRecordException(
            BadRecordReason.MISSING_FIELD, "field \"prompt\" is an empty list of messages");
      }
      return messages;
    }
    throw wrongType("prompt", "a string or a list of messages", node);
  }

  private static Completion completion(JsonNode node, String field) {
    if (node.isTextual()) {
      return new Completion(List.of(), assistantText(node.asText(), field));
    }
    if (node.isArray()) {
      List<ChatMessage> messages = messages(node, field);
      if (messages.isEmpty() || !messages.get(messages.size() - 1).role().equals("assistant")) {
        throw new InvalidRecordException(
            BadRecordReason.NO_ASSISTANT_TURN,
            "field \"" + field + "\" must end with an assistant message");
      }
      String text = messages.get(messages.size() - 1).content();
      return new Completion(messages.subList(0, messages.size() - 1), assistantText(text, field));
    }
    throw wrongType(field, "a string or a list of messages", node);
  }

  private static String assistantText(String text, String field) {
    if (text.isBlank()) {
      throw new InvalidRecordException(
          BadRecordReason.EMPTY_ASSISTANT_TURN, "empty assistant turn: \"" + field + "\" is blank");
    }
    return text;
  }

  private static List<Completion> rejected(JsonNode node) {
    if (node.isTextual()) {
      return List.of(completion(node, "rejected"));
    }
    if (!node.isArray()) {
      throw wrongType("rejected", "a string, a list of strings or a list of messages", node);
    }
    if (node.isEmpty()) {
      throw new InvalidRecordException(
          BadRecordReason.MISSING_FIELD, "field \"rejected\" is an empty list");
    }
    JsonNode head = node.get(0);
    if (head.isObject()) {
      return List.of(completion(node, "rejected")); // one conversation
    }
    List<Completion> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      String field = "rejected[" + i + "]";
      if (head.isTextual() != item.isTextual() || !(item.isTextual() || item.isArray())) {
        throw wrongType(
            field,
            head.isTextual() ? "a string like rejected[0]" : "a list of messages like rejected[0]",
            item);
      }
      out.add(completion(item, field));
    }
    return out;
  }

  private static List<String> rejectedTypes(JsonNode record, int count) {
    JsonNode many = record.get("rejected_types");
    JsonNode one = record.get("rejected_type");
    if (many != null && !many.isNull()) {
      if (!many.isArray()) {
        throw wrongType("rejected_types", "a list of strings, one per rejected", many);
      }
      if (many.size() != count) {
        throw new InvalidRecordException(
            BadRecordReason.WRONG_TYPE,
            "field \"rejected_types\" has "
                + many.size()
                + " item(s) for "
                + count
                + " rejected completion(s); give one type per rejected");
      }
      List<String> types = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        JsonNode t = many.get(i);
        if (t.isNull()) {
          types.add("");
        } else if (t.isTextual()) {
          types.add(t.asText());
        } else {
          throw wrongType("rejected_types[" + i + "]", "a string", t);
        }
      }
      return types;
    }
    if (one != null && !one.isNull()) {
      if (!one.isTextual()) {
        throw wrongType("rejected_type", "a string", one);
      }
      return Collections.nCopies(count, one.asText());
    }
    return Collections.nCopies(count, "");
  }

  private static double margin(JsonNode record) {
    JsonNode margin = record.get("margin");
    if (margin == null || margin.isNull()) {
      return 0;
    }
    if (!margin.isNumber()) {
      throw new InvalidRecordException(
          BadRecordReason.WRONG_TYPE, "field \"margin\" must be a number, got " + describe(margin));
    }
    return margin.asDouble();
  }
}

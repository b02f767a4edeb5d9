package ai.brandtune.data;

import static ai.brandtune.data.RecordFields.fieldNames;
import static ai.brandtune.data.RecordFields.messages;
import static ai.brandtune.data.RecordFields.meta;
import static ai.brandtune.data.RecordFields.optionalString;
import static ai.brandtune.data.RecordFields.requiredString;
import static ai.brandtune.data.RecordFields.wrongType;

import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts one SFT record to a {@link ChatExample}. Accepted forms, chosen by the fields present:
 *
 * <ul>
 *   <li>{@code messages}: [{role, content}] with roles system, user, assistant (brandtune's and
 *       TRL's conversational form);
 *   <li>{@code conversations}: ShareGPT [{from, value}] with from human, gpt or system, plus an
 *       optional top-level {@code system} (LLaMA-Factory's sharegpt form);
 *   <li>alpaca {@code instruction}, optional {@code input} (joined to the instruction with a
 *       newline, as LLaMA-Factory does), {@code output}, optional {@code system} and {@code
 *       history} ([[user, assistant], ...], trained on too);
 *   <li>{@code prompt} and {@code completion}, each a string (one user turn, one assistant turn) or
 *       a list of messages (TRL's conversational prompt-completion); only the completion's
 *       assistant turns are trained on. Unlike TRL, string prompts are rendered with the chat
 *       template too, because brandtune trains chat models.
 * </ul>
 *
 * An optional {@code meta} object is carried along.
 */
final class SftRecordParser implements JsonlReader.RecordParser<ChatExample> {
  @Override
  public ChatExample parse(JsonNode record, String location) {
    Map<String, Object> meta = meta(record);
    if (record.has("messages")) {
      List<ChatMessage> messages =
          messages(record.get("messages"), "messages", "role", "content", false);
      return validated(messages, 0, meta, location);
    }
    if (record.has("conversations")) {
      List<ChatMessage> messages = new ArrayList<>();
      optionalString(record, "system").ifPresent(s -> messages.add(ChatMessage.system(s)));
      messages.addAll(
          messages(record.get("conversations"), "conversations", "from", "value", true));
      return validated(messages, 0, meta, location);
    }
    if (record.has("instruction") || record.has("output")) {
      return validated(alpaca(record), 0, meta, location);
    }
    if (record.has("prompt") || record.has("completion")) {
      List<ChatMessage> prompt = promptOrCompletion(record, "prompt", "user");
      List<ChatMessage> completion = promptOrCompletion(record, "completion", "assistant");
      if (completion.stream().noneMatch(m -> m.role().equals("assistant"))) {
        throw new InvalidRecordException(
            BadRecordReason.NO_ASSISTANT_TURN, "field \"completion\" has no assistant message");
      }
      List<ChatMessage> all = new ArrayList<>(prompt);
      all.addAll(completion);
      return validated(all, prompt.size(), meta, location);
    }
    throw new InvalidRecordException(
        BadRecordReason.UNKNOWN_FORMAT,
        "record has none of the fields \"messages\", \"conversations\", \"instruction\"/\"output\""
            + " (alpaca) or \"prompt\"/\"completion\"; fields present: "
            + fieldNames(record));
  }

  private static List<ChatMessage> alpaca(JsonNode record) {
    String instruction = requiredString(record, "instruction");
    String input = optionalString(record, "input").orElse("");
    String output = requiredString(record, "output");
    List<ChatMessage> messages = new ArrayList<>();
    optionalString(record, "system").ifPresent(s -> messages.add(ChatMessage.system(s)));
    JsonNode history = record.get("history");
    if (history != null && !history.isNull()) {
      if (!history.isArray()) {
        throw wrongType("history", "an array of [user, assistant] pairs", history);
      }
      for (int i = 0; i < history.size(); i++) {
        JsonNode pair = history.get(i);
        String field = "history[" + i + "]";
        if (!pair.isArray()
            || pair.size() != 2
            || !pair.get(0).isTextual()
            || !pair.get(1).isTextual()) {
          throw wrongType(field, "a pair of strings [user, assistant]", pair);
        }
        messages.add(ChatMessage.user(pair.get(0).asText()));
        messages.add(ChatMessage.assistant(pair.get(1).asText()));
      }
    }
    String prompt =
        instruction.isEmpty() ? input : input.isEmpty() ? instruction : instruction + "\n" + input;
    messages.add(ChatMessage.user(prompt));
    messages.add(ChatMessage.assistant(output));
    return messages;
  }

  private static List<ChatMessage> promptOrCompletion(
      JsonNode record, String field, String roleOfString) {
    JsonNode node = record.get(field);
    if (node == null || node.isNull()) {
      throw new InvalidRecordException(
          BadRecordReason.MISSING_FIELD,
          "missing field \"" + field + "\" (prompt/completion records need both)");
    }
    if (node.isTextual()) {
      return List.of(new ChatMessage(roleOfString, node.asText()));
    }
    if (node.isArray()) {
      return messages(node, field, "role", "content", false);
    }
    throw wrongType(field, "a string or a list of messages", node);
  }

  private static ChatExample validated(
      List<ChatMessage> messages, int completionStart, Map<String, Object> meta, String location) {
    boolean trained = false;
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      if (m.role().equals("assistant")) {
        if (m.content().isBlank()) {
          throw new InvalidRecordException(
              BadRecordReason.EMPTY_ASSISTANT_TURN,
              "empty assistant turn: message " + i + " has no text");
        }
        trained |= i >= completionStart;
      }
    }
    if (!trained) {
      throw new InvalidRecordException(
          BadRecordReason.NO_ASSISTANT_TURN,
          "no assistant turn to train on (" + messages.size() + " message(s))");
    }
    return new ChatExample(messages, meta, location, completionStart);
  }
}

package ai.brandtune.serve;

import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Validates a chat-completion body against OpenAI's schema and the server's caps. */
final class ChatRequestParser {
  private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");
  private static final int MAX_STOP = 4;

  private final ServeConfig config;

  ChatRequestParser(ServeConfig config) {
    this.config = config;
  }

  ChatRequest parse(JsonNode body) {
    RequestFields f = new RequestFields(body);
    String model = f.requiredString("model");
    List<ChatMessage> messages = messages(f);
    double temperature = f.number("temperature", 1.0, 0, 2, false);
    double topP = f.number("top_p", 1.0, 0, 1, true);
    Integer maxTokens = f.integer("max_completion_tokens", null, 1, config.maxTokens());
    maxTokens = f.integer("max_tokens", maxTokens, 1, config.maxTokens());
    int n = f.integer("n", 1, 1, config.maxN());
    List<String> stop = f.stopStrings("stop", MAX_STOP);
    Long seed = f.longValue("seed");
    boolean stream = f.bool("stream", false);
    boolean includeUsage = false;
    JsonNode options = f.node("stream_options");
    if (options != null) {
      if (!stream) {
        throw ApiException.invalid(
            "stream_options", "'stream_options' is only allowed when 'stream' is true.");
      }
      includeUsage = new RequestFields(options).bool("include_usage", false);
    }
    if (!model.equals(config.modelId())) {
      throw ApiException.notFound(
          "The model '"
              + model
              + "' does not exist; this server serves '"
              + config.modelId()
              + "'.",
          "model",
          "model_not_found");
    }
    return new ChatRequest(
        model, messages, temperature, topP, maxTokens, n, stop, seed, stream, includeUsage);
  }

  private static List<ChatMessage> messages(RequestFields f) {
    JsonNode array = f.node("messages");
    if (array == null) {
      throw ApiException.invalid("messages", "Missing required parameter: 'messages'.");
    }
    if (!array.isArray()) {
      throw RequestFields.wrongType("messages", "an array", array);
    }
    if (array.isEmpty()) {
      throw ApiException.invalid(
          "messages", "Invalid 'messages': empty array. Expected an array with at least 1 item.");
    }
    List<ChatMessage> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "messages[" + i + "]";
      JsonNode m = array.get(i);
      if (!m.isObject()) {
        throw RequestFields.wrongType(at, "an object", m);
      }
      RequestFields mf = new RequestFields(m);
      String role = mf.optionalString("role", null);
      if (role == null) {
        throw ApiException.invalid(at + ".role", "Missing required parameter: '" + at + ".role'.");
      }
      if (!ROLES.contains(role)) {
        throw ApiException.invalid(
            at + ".role",
            "Invalid value for '"
                + at
                + ".role': '"
                + role
                + "'. Supported values are: 'system', 'developer', 'user' and 'assistant'.");
      }
      out.add(new ChatMessage(role.equals("developer") ? "system" : role, content(m, at)));
    }
    return out;
  }

  /** A string, or an array of {@code {"type": "text", "text": ...}} parts joined together. */
  private static String content(JsonNode m, String at) {
    JsonNode c = m.get("content");
    String param = at + ".content";
    if (c == null || c.isNull()) {
      throw ApiException.invalid(param, "Missing required parameter: '" + param + "'.");
    }
    if (c.isTextual()) {
      return c.asText();
    }
    if (!c.isArray()) {
      throw RequestFields.wrongType(param, "a string or an array of text parts", c);
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : c) {
      if (!part.isObject()
          || !"text".equals(part.path("type").asText())
          || !part.path("text").isTextual()) {
        throw ApiException.invalid(
            param,
            "Invalid '" + param + "': only text parts ({\"type\": \"text\"}) are supported.");
      }
      text.append(part.get("text").asText());
    }
    return text.toString();
  }
}

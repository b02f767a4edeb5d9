package ai.brandtune.synth;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.PromptBuilder;
import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks every record of every data file gets, whatever its shape: its product and content type
 * exist in the kit, and its chat messages are well-formed (roles known, system first and only
 * there, user and assistant turns alternating, no empty turn), which is what chat templates and
 * LLaMA-Factory's converter assume.
 */
final class RecordChecks {
  private static final Set<String> ROLES = Set.of("system", "user", "assistant");

  private final BrandKit kit;
  private final PromptBuilder prompts;

  RecordChecks(BrandKit kit) {
    this.kit = kit;
    this.prompts = new PromptBuilder(kit);
  }

  boolean knowsProduct(String id) {
    return kit.product(id).isPresent();
  }

  /** Reports ids the kit does not know; returns whether both are known. */
  boolean ids(String product, String contentType, String where, Problems out) {
    boolean ok = true;
    if (product == null || kit.product(product).isEmpty()) {
      out.error(
          where,
          "meta.product_id "
              + product
              + " is not a product of the kit "
              + kit.source().name()
              + "; use an id of its products.yaml");
      ok = false;
    }
    if (contentType == null || kit.contentType(contentType).isEmpty()) {
      out.error(
          where,
          "meta.content_type "
              + contentType
              + " is not a content type of the kit; one of "
              + String.join(", ", kit.contentTypes().stream().map(t -> t.id()).toList()));
      ok = false;
    }
    return ok;
  }

  /**
   * Checks a conversation: optional system message first, then user and assistant alternating,
   * starting with user and ending with {@code lastRole}.
   */
  void conversation(
      List<ChatMessage> messages, String lastRole, String field, String where, Problems out) {
    if (messages.isEmpty()) {
      out.error(where, field + " is empty");
      return;
    }
    int first = messages.get(0).role().equals("system") ? 1 : 0;
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      String at = field + "[" + i + "]";
      if (!ROLES.contains(m.role())) {
        out.error(where, at + ".role '" + m.role() + "' is not one of system, user, assistant");
        return;
      }
      if (m.content() == null || m.content().isBlank()) {
        out.error(where, at + ".content is empty");
        return;
      }
      if (i >= first) {
        String expected = (i - first) % 2 == 0 ? "user" : "assistant";
        if (!m.role().equals(expected)) {
          out.error(
              where,
              at
                  + " has role "
                  + m.role()
                  + " where "
                  + expected
                  + " belongs (system first if any, then user and assistant alternating)");
          return;
        }
      }
    }
    if (messages.size() == first) {
      out.error(where, field + " has no user message");
    } else if (!messages.get(messages.size() - 1).role().equals(lastRole)) {
      out.error(where, field + " must end with a " + lastRole + " message");
    }
  }

  /**
   * Warns when a prompt is not the prompt builder's for its product and type (kit edited since).
   */
  void promptMatchesKit(
      List<ChatMessage> prompt, String product, String contentType, String where, Problems out) {
    if (!prompt.equals(prompts.build(product, contentType))) {
      out.warning(
          where,
          "prompt differs from the prompt builder's for "
              + product
              + "/"
              + contentType
              + " (kit edited since the data was generated? regenerate to train on current prompts)");
    }
  }

  /**
   * Reads a list of {@code {role, content}} objects; reports and returns null when it is not one.
   */
  static List<ChatMessage> messages(JsonNode node, String field, String where, Problems out) {
    if (node == null || !node.isArray()) {
      out.error(where, "field \"" + field + "\" must be a list of {\"role\",\"content\"} messages");
      return null;
    }
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode m = node.get(i);
      JsonNode role = m.get("role");
      JsonNode content = m.get("content");
      if (!m.isObject()
          || role == null
          || !role.isTextual()
          || role.asText().isBlank()
          || content == null
          || !content.isTextual()) {
        out.error(
            where,
            field + "[" + i + "] must be an object with string fields \"role\" and \"content\"");
        return null;
      }
      messages.add(new ChatMessage(role.asText(), content.asText()));
    }
    return messages;
  }

  /** {@code meta.product_id} and {@code meta.content_type}, or null (reported) when missing. */
  static String[] metaIds(JsonNode record, String where, Problems out) {
    JsonNode meta = record.get("meta");
    if (meta == null || !meta.isObject()) {
      out.error(where, "missing object \"meta\" with \"product_id\" and \"content_type\"");
      return null;
    }
    JsonNode product = meta.get("product_id");
    JsonNode type = meta.get("content_type");
    if (product == null || !product.isTextual() || type == null || !type.isTextual()) {
      out.error(where, "\"meta\" needs string fields \"product_id\" and \"content_type\"");
      return null;
    }
    return new String[] {product.asText(), type.asText()};
  }
}

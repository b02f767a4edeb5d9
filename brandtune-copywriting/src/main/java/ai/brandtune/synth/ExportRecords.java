package ai.brandtune.synth;

import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The exported JSONL records, one JSON object per line. Every file has one shape for all its rows
 * (the same keys, a column never string in one row and list in another), because Arrow-based
 * loaders (Hugging Face datasets, under TRL, LLaMA-Factory and verl) infer one schema per file.
 */
final class ExportRecords {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The meta keys exported with SFT and preference records; null where a record has none. */
  static final List<String> META_KEYS =
      List.of("product_id", "content_type", "source", "teacher", "prompt_version");

  private ExportRecords() {}

  /** {@code {"messages":[prompt..., assistant], "meta":{...}}}: TRL and LLaMA-Factory SFT. */
  static String sft(CopyRecord r) {
    ObjectNode n = JSON.createObjectNode();
    List<ChatMessage> messages = new ArrayList<>(r.prompt());
    messages.add(ChatMessage.assistant(r.completion()));
    n.set("messages", messages(messages));
    n.set("meta", meta(r.meta()));
    return line(n);
  }

  /**
   * brandtune's preference record. With {@code listForm} false (every record of the file has one
   * rejected) {@code rejected} and {@code rejected_type} are strings; otherwise {@code rejected}
   * and {@code rejected_types} are lists.
   */
  static String preference(PreferenceRecord r, boolean listForm) {
    ObjectNode n = JSON.createObjectNode();
    n.set("prompt", messages(r.prompt()));
    n.put("chosen", r.chosen());
    if (listForm) {
      r.rejected().forEach(n.putArray("rejected")::add);
      r.rejectedTypes().forEach(n.putArray("rejected_types")::add);
    } else {
      n.put("rejected", r.rejected().get(0));
      n.put("rejected_type", r.rejectedTypes().get(0));
    }
    ObjectNode meta = meta(r.meta());
    meta.set("fabricated_facts", fabricatedFacts(r));
    n.set("meta", meta);
    return line(n);
  }

  /**
   * LLaMA-Factory's sharegpt preference rows, one per rejected variant: {@code messages} is the
   * prompt (system first, then an odd number of turns ending with the user's), {@code chosen} and
   * {@code rejected} are single assistant messages, as its converter requires for {@code ranking}.
   */
  static List<String> llamaFactoryPairs(PreferenceRecord r) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < r.rejected().size(); i++) {
      ObjectNode n = JSON.createObjectNode();
      n.set("messages", messages(r.prompt()));
      n.set("chosen", message(ChatMessage.assistant(r.chosen())));
      n.set("rejected", message(ChatMessage.assistant(r.rejected().get(i))));
      ObjectNode meta = n.putObject("meta");
      meta.put("product_id", r.productId());
      meta.put("content_type", r.contentType());
      meta.put("rejected_type", r.rejectedTypes().get(i));
      out.add(line(n));
    }
    return out;
  }

  /** {@code {"prompt":[...], "meta":{"product_id","content_type"}}}: a GRPO prompt. */
  static String grpo(CopyRecord r) {
    ObjectNode n = JSON.createObjectNode();
    n.set("prompt", messages(r.prompt()));
    ObjectNode meta = n.putObject("meta");
    meta.put("product_id", r.productId());
    meta.put("content_type", r.contentType());
    return line(n);
  }

  static ArrayNode messages(List<ChatMessage> messages) {
    ArrayNode a = JSON.createArrayNode();
    messages.forEach(m -> a.add(message(m)));
    return a;
  }

  private static ObjectNode message(ChatMessage m) {
    ObjectNode o = JSON.createObjectNode();
    o.put("role", m.role());
    o.put("content", m.content());
    return o;
  }

  private static ObjectNode meta(java.util.Map<String, Object> source) {
    ObjectNode o = JSON.createObjectNode();
    for (String key : META_KEYS) {
      Object v = source.get(key);
      o.put(key, v == null ? null : v.toString());
    }
    return o;
  }

  /** One list of fabricated facts per rejected variant, empty where there are none. */
  private static ArrayNode fabricatedFacts(PreferenceRecord r) {
    ArrayNode out = JSON.createArrayNode();
    Object facts = r.meta().get("fabricated_facts");
    List<?> perVariant = facts instanceof List<?> l ? l : List.of();
    for (int i = 0; i < r.rejected().size(); i++) {
      ArrayNode one = out.addArray();
      if (i < perVariant.size() && perVariant.get(i) instanceof List<?> f) {
        f.forEach(x -> one.add(String.valueOf(x)));
      }
    }
    return out;
  }

  static String line(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

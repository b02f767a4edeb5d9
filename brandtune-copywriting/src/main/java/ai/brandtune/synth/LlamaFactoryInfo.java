package ai.brandtune.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * LLaMA-Factory's {@code dataset_info.json}: registers the exported files under dataset names, so
 * that a LLaMA-Factory config with {@code dataset_dir: <out>/export} and {@code dataset:
 * brandtune_sft_train} (or {@code brandtune_pref_train} for reward modelling and DPO) trains on
 * them. Both kinds use the sharegpt formatting with OpenAI-style tags ({@code role}/{@code
 * content}, roles {@code system}, {@code user}, {@code assistant}); preference datasets are {@code
 * ranking: true} with {@code chosen} and {@code rejected} columns holding one assistant message
 * each.
 */
final class LlamaFactoryInfo {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectNode root = JSON.createObjectNode();

  /** Registers an SFT file of {@code messages} records. */
  LlamaFactoryInfo sft(String name, String fileName) {
    ObjectNode d = entry(name, fileName);
    d.putObject("columns").put("messages", "messages");
    tags(d);
    return this;
  }

  /** Registers a preference file of {@code messages}, {@code chosen}, {@code rejected} records. */
  LlamaFactoryInfo preference(String name, String fileName) {
    ObjectNode d = entry(name, fileName);
    d.put("ranking", true);
    ObjectNode columns = d.putObject("columns");
    columns.put("messages", "messages");
    columns.put("chosen", "chosen");
    columns.put("rejected", "rejected");
    tags(d);
    return this;
  }

  String json() {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode entry(String name, String fileName) {
    ObjectNode d = root.putObject(name);
    d.put("file_name", fileName);
    d.put("formatting", "sharegpt");
    return d;
  }

  private static void tags(ObjectNode d) {
    ObjectNode tags = d.putObject("tags");
    tags.put("role_tag", "role");
    tags.put("content_tag", "content");
    tags.put("user_tag", "user");
    tags.put("assistant_tag", "assistant");
    tags.put("system_tag", "system");
  }
}

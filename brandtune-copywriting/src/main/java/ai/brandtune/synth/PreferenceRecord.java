package ai.brandtune.synth;

import ai.brandtune.text.ChatMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One preference record of {@code preferences.jsonl}: a prompt, the chosen copy and one or more
 * rejected variants, each with its type ({@code weak}, {@code exaggerated}, {@code fabricated}).
 *
 * @param prompt the chat prompt, system first
 * @param chosen the preferred copy
 * @param rejected the rejected variants, at least one
 * @param rejectedTypes one type per rejected variant, same order
 * @param meta {@code product_id}, {@code content_type}, {@code stage}, {@code reject_sources},
 *     {@code fabricated_facts} (one list per rejected variant, empty for types other than
 *     fabricated), ...
 * @param location {@code file:line} the record was read from; null when made in memory
 */
public record PreferenceRecord(
    List<ChatMessage> prompt,
    String chosen,
    List<String> rejected,
    List<String> rejectedTypes,
    Map<String, Object> meta,
    String location) {

  public PreferenceRecord {
    prompt = List.copyOf(prompt);
    rejected = List.copyOf(rejected);
    rejectedTypes = List.copyOf(rejectedTypes);
    if (rejected.size() != rejectedTypes.size()) {
      throw new IllegalArgumentException(
          rejected.size() + " rejected variants but " + rejectedTypes.size() + " rejected types");
    }
    meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
  }

  public PreferenceRecord(
      List<ChatMessage> prompt,
      String chosen,
      List<String> rejected,
      List<String> rejectedTypes,
      Map<String, Object> meta) {
    this(prompt, chosen, rejected, rejectedTypes, meta, null);
  }

  public String productId() {
    return (String) meta.get("product_id");
  }

  public String contentType() {
    return (String) meta.get("content_type");
  }

  /** {@code file:line}, or {@code product_id/content_type} for a record made in memory. */
  public String where() {
    return location != null ? location : productId() + "/" + contentType();
  }
}

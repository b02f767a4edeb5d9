package ai.brandtune.synth;

import ai.brandtune.text.ChatMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One copy of a synthesis stage file ({@code generated.jsonl}, {@code cleaned.jsonl}): the prompt
 * it answers (the prompt builder's system and user message), the copy, and its provenance.
 *
 * @param prompt the chat prompt, system first
 * @param completion the copy
 * @param meta {@code product_id}, {@code content_type}, {@code stage}, {@code source}, ... in the
 *     order they are written; values are JSON values (String, Number, Boolean, List, Map or null)
 * @param location {@code file:line} the record was read from, for messages; null when made in
 *     memory
 */
public record CopyRecord(
    List<ChatMessage> prompt, String completion, Map<String, Object> meta, String location) {

  public CopyRecord {
    prompt = List.copyOf(prompt);
    meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
  }

  public CopyRecord(List<ChatMessage> prompt, String completion, Map<String, Object> meta) {
    this(prompt, completion, meta, null);
  }

  public String productId() {
    return (String) meta.get("product_id");
  }

  public String contentType() {
    return (String) meta.get("content_type");
  }

  /** The conversation for SFT: the prompt followed by the copy as the assistant turn. */
  public List<ChatMessage> messages() {
    List<ChatMessage> m = new ArrayList<>(prompt);
    m.add(ChatMessage.assistant(completion));
    return m;
  }

  public CopyRecord withCompletion(String text) {
    return new CopyRecord(prompt, text, meta, location);
  }

  public CopyRecord withMeta(Map<String, Object> newMeta) {
    return new CopyRecord(prompt, completion, newMeta, location);
  }

  /** This record with one meta key set (added at the end, or replaced in place). */
  public CopyRecord withMeta(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(meta);
    m.put(key, value);
    return withMeta(m);
  }

  /** {@code file:line}, or {@code product_id/content_type} for a record made in memory. */
  public String where() {
    return location != null ? location : productId() + "/" + contentType();
  }
}

package ai.brandtune.data;

import ai.brandtune.text.ChatMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One preference record: a prompt, the completion preferred for it and one or more rejected
 * completions, for reward-model training and DPO. Completions are plain assistant text; the encoder
 * renders them as the assistant turn after the prompt with the model's chat template.
 *
 * @param prompt system/user messages (an assistant message inside is context, as in a few-shot
 *     prompt); a string prompt is one user message
 * @param chosen the preferred assistant text
 * @param rejected at least one dispreferred assistant text
 * @param rejectedTypes the kind of defect of each rejected text ({@code weak}, {@code exaggerated},
 *     {@code fabricated}, ...), same size as {@code rejected}, {@code ""} when unknown
 * @param margin how much better chosen is (the reward model's optional per-pair margin), 0 when
 *     absent
 * @param meta the record's {@code meta} object (free-form, carried for reports), empty when absent
 * @param location where the record came from, {@code file:line}, for error messages
 */
public record PreferenceExample(
    List<ChatMessage> prompt,
    String chosen,
    List<String> rejected,
    List<String> rejectedTypes,
    double margin,
    Map<String, Object> meta,
    String location) {

  public PreferenceExample {
    prompt = List.copyOf(prompt);
    rejected = List.copyOf(rejected);
    rejectedTypes = List.copyOf(rejectedTypes);
    meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    if (chosen == null) {
      throw new IllegalArgumentException("chosen is null");
    }
    if (rejected.isEmpty()) {
      throw new IllegalArgumentException("a preference example needs at least one rejected text");
    }
    if (rejectedTypes.size() != rejected.size()) {
      throw new IllegalArgumentException(
          rejectedTypes.size() + " rejected types for " + rejected.size() + " rejected texts");
    }
    if (!Double.isFinite(margin)) {
      throw new IllegalArgumentException("margin must be finite, got " + margin);
    }
  }

  /** A single pair with no type, margin or meta (general preference data). */
  public static PreferenceExample pair(
      List<ChatMessage> prompt, String chosen, String rejected, String location) {
    return new PreferenceExample(
        prompt, chosen, List.of(rejected), List.of(""), 0, Map.of(), location);
  }

  /** A single pair whose prompt is one user message. */
  public static PreferenceExample pair(
      String prompt, String chosen, String rejected, String location) {
    return pair(List.of(ChatMessage.user(prompt)), chosen, rejected, location);
  }

  public int rejectedCount() {
    return rejected.size();
  }
}

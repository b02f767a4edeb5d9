package ai.brandtune.brand.corpus;

import ai.brandtune.text.ChatMessage;
import java.util.List;

/**
 * One preference evaluation record: a prompt, a copy that follows the brand ({@code chosen}) and
 * one that does not ({@code rejected}) with the kind of flaw ({@code weak}, {@code exaggerated},
 * {@code fabricated}). For fabricated records, {@code fabricatedFacts} lists the false facts as
 * they are written in the rejected copy ({@code "玻色因"}, {@code "10%"}); empty otherwise.
 */
public record PreferenceRecord(
    List<ChatMessage> prompt,
    String chosen,
    String rejected,
    String rejectedType,
    List<String> fabricatedFacts,
    RecordMeta meta) {

  public static final String WEAK = "weak";
  public static final String EXAGGERATED = "exaggerated";
  public static final String FABRICATED = "fabricated";

  public PreferenceRecord {
    prompt = List.copyOf(prompt);
    fabricatedFacts = List.copyOf(fabricatedFacts);
  }

  public PreferenceRecord withPrompt(List<ChatMessage> newPrompt) {
    return new PreferenceRecord(newPrompt, chosen, rejected, rejectedType, fabricatedFacts, meta);
  }
}

package ai.brandtune.train.grpo.gsm8k;

import ai.brandtune.text.ChatMessage;
import ai.brandtune.train.grpo.PromptRecord;
import java.util.List;
import java.util.Map;

/**
 * GSM8K records ({@code {"question": ..., "answer": "... #### 72"}}) as GRPO prompts: the recipe's
 * system prompt asking for {@code <reasoning>}/{@code <answer>} tags, the question as the user
 * turn, and the number after {@code ####} (commas removed) as the record's answer.
 */
public final class Gsm8kDataset {
  /** The recipe's system prompt. */
  public static final String SYSTEM_PROMPT =
      "Respond in the following format:\n<reasoning>\n...\n</reasoning>\n<answer>\n...\n</answer>";

  private Gsm8kDataset() {}

  /** The number after {@code ####}, commas removed, or null when there is no {@code ####}. */
  public static String extractHashAnswer(String answer) {
    int at = answer.indexOf("####");
    return at < 0 ? null : answer.substring(at + 4).strip().replace(",", "");
  }

  private static String orElseWhole(String extracted, String answer) {
    return extracted != null ? extracted : answer.strip().replace(",", "");
  }

  /** One GSM8K record as a prompt record; an answer without {@code ####} is taken whole. */
  public static PromptRecord toPrompt(String question, String answer, String location) {
    return new PromptRecord(
        List.of(ChatMessage.system(SYSTEM_PROMPT), ChatMessage.user(question)),
        Map.of(),
        answer == null ? null : orElseWhole(extractHashAnswer(answer), answer),
        location);
  }
}

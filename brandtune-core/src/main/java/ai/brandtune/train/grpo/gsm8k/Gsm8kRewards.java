package ai.brandtune.train.grpo.gsm8k;

import ai.brandtune.train.grpo.RewardFunction;
import ai.brandtune.train.grpo.RewardSample;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The GSM8K rule rewards, each its own named function (values as in the recipe they come from):
 *
 * <ul>
 *   <li>{@code gsm8k_correctness}: 2.0 when the completion's {@code <answer>} equals the record's
 *       answer (compared as numbers when both parse, after removing thousands commas, else as
 *       text), else 0.0; abstains when the record has no answer.
 *   <li>{@code gsm8k_integer}: 0.5 when the {@code <answer>} is an integer ({@code -?\d+}), else 0.
 *   <li>{@code gsm8k_strict_format}: 0.5 when the whole completion is exactly {@code
 *       <reasoning>\n...\n</reasoning>\n<answer>\n...\n</answer>} (an optional final newline), else
 *       0.
 *   <li>{@code gsm8k_soft_format}: 0.5 when the completion starts with a {@code
 *       <reasoning>...</reasoning>} block followed (after whitespace) by {@code
 *       <answer>...</answer>}, line breaks allowed anywhere, else 0.
 *   <li>{@code gsm8k_xml_count}: 0.125 for each of {@code "<reasoning>\n"}, {@code
 *       "\n</reasoning>\n"}, {@code "\n<answer>\n"} and {@code "\n</answer>"} present exactly once,
 *       minus 0.001 per character after the closing answer tag (0 to 0.5 for a clean completion).
 * </ul>
 *
 * The extracted answer is the text between the last {@code <answer>} and the following {@code
 * </answer>} (or the end), trimmed: broken tags still yield something to compare, as in the recipe.
 */
public final class Gsm8kRewards {
  public static final String CORRECTNESS = "gsm8k_correctness";
  public static final String INTEGER = "gsm8k_integer";
  public static final String STRICT_FORMAT = "gsm8k_strict_format";
  public static final String SOFT_FORMAT = "gsm8k_soft_format";
  public static final String XML_COUNT = "gsm8k_xml_count";

  private static final Pattern STRICT =
      Pattern.compile(
          "^<reasoning>\\n.*?\\n</reasoning>\\n<answer>\\n.*?\\n</answer>\\n?$", Pattern.DOTALL);
  private static final Pattern SOFT =
      Pattern.compile("^<reasoning>.*?</reasoning>\\s*<answer>.*?</answer>", Pattern.DOTALL);
  private static final Pattern INT = Pattern.compile("-?\\d+");

  private Gsm8kRewards() {}

  /** Every GSM8K function, in the order above. */
  public static List<RewardFunction> all() {
    return List.of(
        named(CORRECTNESS, Gsm8kRewards::correctness),
        named(INTEGER, s -> integer(s.completion())),
        named(STRICT_FORMAT, s -> strictFormat(s.completion())),
        named(SOFT_FORMAT, s -> softFormat(s.completion())),
        named(XML_COUNT, s -> xmlCount(s.completion())));
  }

  /** The text inside the completion's last {@code <answer>} tag, trimmed. */
  public static String extractAnswer(String completion) {
    int open = completion.lastIndexOf("<answer>");
    String after = open < 0 ? completion : completion.substring(open + "<answer>".length());
    int close = after.indexOf("</answer>");
    return (close < 0 ? after : after.substring(0, close)).strip();
  }

  static Double correctness(RewardSample s) {
    if (s.answer() == null) {
      return null;
    }
    return sameAnswer(extractAnswer(s.completion()), s.answer()) ? 2.0 : 0.0;
  }

  /** Whether two answers agree: as numbers when both parse (commas dropped), else as text. */
  public static boolean sameAnswer(String given, String expected) {
    String a = given.replace(",", "").strip();
    String b = expected.replace(",", "").strip();
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
    } catch (NumberFormatException e) {
      return a.equals(b);
    }
  }

  public static double integer(String completion) {
    return INT.matcher(extractAnswer(completion)).matches() ? 0.5 : 0.0;
  }

  public static double strictFormat(String completion) {
    return STRICT.matcher(completion).find() ? 0.5 : 0.0;
  }

  public static double softFormat(String completion) {
    return SOFT.matcher(completion).find() ? 0.5 : 0.0;
  }

  public static double xmlCount(String text) {
    double count = 0;
    if (occurrences(text, "<reasoning>\n") == 1) {
      count += 0.125;
    }
    if (occurrences(text, "\n</reasoning>\n") == 1) {
      count += 0.125;
    }
    if (occurrences(text, "\n<answer>\n") == 1) {
      count += 0.125;
      count -= tailAfter(text, "\n</answer>\n").length() * 0.001;
    }
    if (occurrences(text, "\n</answer>") == 1) {
      count += 0.125;
      count -= (tailAfter(text, "\n</answer>").length() - 1) * 0.001;
    }
    return count;
  }

  /** Python's {@code text.split(sep)[-1]}. */
  private static String tailAfter(String text, String sep) {
    int at = text.lastIndexOf(sep);
    return at < 0 ? text : text.substring(at + sep.length());
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      n++;
    }
    return n;
  }

  private static RewardFunction named(String name, Function<RewardSample, Double> f) {
    return new RewardFunction() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Double score(RewardSample sample) {
        return f.apply(sample);
      }
    };
  }
}

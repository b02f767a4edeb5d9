package ai.brandtune.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills the {@code {slot}} templates of {@code offline_rules.yaml} with words drawn by seed. */
final class Templates {
  private static final Pattern SLOT = Pattern.compile("\\{([a-z_]+)\\}");

  private Templates() {}

  /** Templates all of whose slots have at least one word. */
  static List<String> usable(List<String> templates, Map<String, List<String>> words) {
    List<String> out = new ArrayList<>();
    for (String t : templates) {
      Matcher m = SLOT.matcher(t);
      boolean ok = true;
      while (m.find()) {
        List<String> w = words.get(m.group(1));
        ok &= w != null && !w.isEmpty();
      }
      if (ok) {
        out.add(t);
      }
    }
    return out;
  }

  /** One usable template, filled; null when none is usable. */
  static String pickAndFill(
      List<String> templates, Map<String, List<String>> words, SplittableRandom random) {
    List<String> usable = usable(templates, words);
    if (usable.isEmpty()) {
      return null;
    }
    return fill(usable.get(random.nextInt(usable.size())), words, random);
  }

  static String fill(String template, Map<String, List<String>> words, SplittableRandom random) {
    Matcher m = SLOT.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      List<String> w = words.get(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(w.get(random.nextInt(w.size()))));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}

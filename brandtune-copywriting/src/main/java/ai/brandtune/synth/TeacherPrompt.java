package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One teacher prompt from a prompt file ({@code prompts/generate.yaml}, ...): a system and a user
 * template with {@code {placeholder}} slots the stage fills. {@link #versionId()} ({@code
 * generate@1}) goes into every record made with it, so data made with an edited prompt can be told
 * apart.
 *
 * @param id the prompt's id, equal to its file name without {@code .yaml}
 * @param version the version written in the file; bump it when editing the text
 * @param system the system message template; empty for none
 * @param user the user message template
 * @param source where the file was read from, for messages
 */
public record TeacherPrompt(String id, String version, String system, String user, String source) {
  private static final Pattern SLOT = Pattern.compile("\\{([a-z_]+)\\}");

  /** {@code id@version}, recorded in {@code meta}. */
  public String versionId() {
    return id + "@" + version;
  }

  /**
   * The messages with every slot filled.
   *
   * @throws BrandtuneException naming the file and the slot when a template uses a slot the stage
   *     does not provide
   */
  public List<ChatMessage> render(Map<String, String> values) {
    List<ChatMessage> out = new ArrayList<>();
    if (!system.isBlank()) {
      out.add(ChatMessage.system(fill(system, values)));
    }
    out.add(ChatMessage.user(fill(user, values)));
    return out;
  }

  private String fill(String template, Map<String, String> values) {
    Matcher m = SLOT.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        throw new BrandtuneException(
            source
                + ": unknown placeholder {"
                + m.group(1)
                + "}; this prompt can use "
                + String.join(
                    ", ",
                    new TreeSet<>(values.keySet()).stream().map(k -> "{" + k + "}").toList()));
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}

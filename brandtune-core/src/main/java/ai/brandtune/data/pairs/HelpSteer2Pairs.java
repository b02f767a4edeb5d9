package ai.brandtune.data.pairs;

import ai.brandtune.data.BadRecords;
import ai.brandtune.data.table.TableReader;
import ai.brandtune.data.table.TableRow;
import ai.brandtune.text.ChatMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HelpSteer2's preference set (columns {@code prompt, response_1, response_2,
 * preference_strength}; as published, {@code preference.jsonl.gz}) from CSV, JSONL or Parquet,
 * lazily. The sign of {@code preference_strength} picks the winner: negative means response 1 is
 * better, positive response 2 (the magnitude, 1 to 3, says by how much); 0 is a tie, skipped and
 * counted. Multi-turn prompts, written with {@code <extra_id_1>User} / {@code
 * <extra_id_1>Assistant} turn markers, become chat messages. The strength and {@code split} go into
 * the example's meta, with {@code source: helpsteer2}.
 */
public final class HelpSteer2Pairs {
  /** The columns of the layout. */
  public static final List<String> COLUMNS =
      List.of("prompt", "response_1", "response_2", "preference_strength");

  private static final List<String> READ =
      List.of("prompt", "response_1", "response_2", "preference_strength", "split");
  private static final Pattern TURN = Pattern.compile("<extra_id_1>(User|Assistant)[ \\t]*\\n?");

  private HelpSteer2Pairs() {}

  /**
   * Opens {@code file} (format from its extension, see {@link
   * ai.brandtune.data.table.TableFormat#of}); a CSV header or Parquet schema without the layout's
   * columns fails at once.
   */
  public static PreferencePairs open(Path file, PairFilters filters) {
    BadRecords broken = new BadRecords(filters.onBadRecord());
    TableReader reader = TableReader.open(file, READ, broken);
    Rows.requireColumns(reader, COLUMNS, "HelpSteer2 preference");
    return new PreferencePairs(reader, HelpSteer2Pairs::candidate, filters, broken);
  }

  private static Candidate candidate(TableRow row) {
    List<ChatMessage> prompt = messages(Rows.text(row, "prompt"));
    String first = Rows.text(row, "response_1");
    String second = Rows.text(row, "response_2");
    double strength = Rows.number(row, "preference_strength");
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("source", "helpsteer2");
    meta.put("preference_strength", Rows.metaValue(row, "preference_strength"));
    if (row.get("split") != null) {
      meta.put("split", row.get("split"));
    }
    boolean firstWins = strength < 0;
    return new Candidate(
        prompt,
        firstWins ? first : second,
        firstWins ? second : first,
        Math.abs(strength),
        meta,
        row.location());
  }

  /**
   * The turns of a HelpSteer2 prompt: text before the first marker is the first user turn; each
   * {@code <extra_id_1>User} or {@code <extra_id_1>Assistant} starts a turn of that role.
   */
  static List<ChatMessage> messages(String prompt) {
    List<ChatMessage> messages = new ArrayList<>();
    Matcher m = TURN.matcher(prompt);
    String role = "user";
    int at = 0;
    while (m.find()) {
      add(messages, role, prompt.substring(at, m.start()), at == 0);
      role = m.group(1).equals("User") ? "user" : "assistant";
      at = m.end();
    }
    add(messages, role, prompt.substring(at), at == 0);
    return messages;
  }

  private static void add(List<ChatMessage> messages, String role, String text, boolean first) {
    String content = text.strip();
    if (first && content.isEmpty() && messages.isEmpty()) {
      return; // a prompt that opens with a marker
    }
    messages.add(new ChatMessage(role, content));
  }
}

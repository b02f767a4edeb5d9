package ai.brandtune.data.pairs;

import ai.brandtune.data.BadRecords;
import ai.brandtune.data.table.TableReader;
import ai.brandtune.data.table.TableRow;
import ai.brandtune.text.ChatMessage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stack-exchange-paired layout (columns {@code qid, question, response_j, response_k};
 * {@code response_j} is the preferred answer) from CSV, JSONL or Parquet, lazily. Each row becomes
 * a pair whose prompt is the question as one user message; {@code qid} (and {@code date} when
 * present) go into the example's meta, with {@code source: stack_exchange}.
 */
public final class StackExchangePairs {
  /** The columns of the layout. */
  public static final List<String> COLUMNS = List.of("qid", "question", "response_j", "response_k");

  private static final List<String> READ =
      List.of("qid", "question", "response_j", "response_k", "date");

  private StackExchangePairs() {}

  /**
   * Opens {@code file} (format from its extension, see {@link
   * ai.brandtune.data.table.TableFormat#of}); a CSV header or Parquet schema without the layout's
   * columns fails at once.
   */
  public static PreferencePairs open(Path file, PairFilters filters) {
    BadRecords broken = new BadRecords(filters.onBadRecord());
    TableReader reader = TableReader.open(file, READ, broken);
    Rows.requireColumns(reader, COLUMNS, "stack-exchange-paired");
    return new PreferencePairs(reader, StackExchangePairs::candidate, filters, broken);
  }

  private static Candidate candidate(TableRow row) {
    String question = Rows.text(row, "question");
    String preferred = Rows.text(row, "response_j");
    String other = Rows.text(row, "response_k");
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("source", "stack_exchange");
    if (!Rows.text(row, "qid").isEmpty()) {
      meta.put("qid", Rows.metaValue(row, "qid"));
    }
    if (row.get("date") != null) {
      meta.put("date", row.get("date"));
    }
    return new Candidate(
        List.of(ChatMessage.user(question)), preferred, other, Double.NaN, meta, row.location());
  }
}

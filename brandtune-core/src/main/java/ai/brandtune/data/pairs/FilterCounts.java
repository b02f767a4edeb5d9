package ai.brandtune.data.pairs;

/**
 * What a general preference reader did with the rows it read, each dropped row counted once, under
 * the first filter it failed, in this order.
 *
 * @param read rows read, broken ones included
 * @param broken rows that could not be parsed or lacked a column (skipped under {@code
 *     on_bad_record: skip})
 * @param empty rows with an empty prompt or response (before or after markup cleanup)
 * @param ties rows whose preference_strength is 0 (HelpSteer2)
 * @param weakPreference rows whose |preference_strength| is below the minimum
 * @param identical rows whose chosen and rejected responses are the same text
 * @param promptTooLong rows whose prompt is longer than the maximum
 * @param tooShort rows with a response shorter than the minimum
 * @param tooLong rows with a response longer than the maximum
 * @param kept pairs produced
 * @param cleaned rows whose text markup cleanup changed beyond surrounding whitespace (not a drop;
 *     counted for kept rows and rows dropped after cleanup)
 */
public record FilterCounts(
    long read,
    long broken,
    long empty,
    long ties,
    long weakPreference,
    long identical,
    long promptTooLong,
    long tooShort,
    long tooLong,
    long kept,
    long cleaned) {

  /** Rows read but not kept. */
  public long dropped() {
    return read - kept;
  }

  /** One line for logs and reports, e.g. "kept 7 of 10 rows; dropped: 1 empty, 2 ties". */
  public String summary() {
    StringBuilder sb = new StringBuilder("kept " + kept + " of " + read + " rows");
    StringBuilder drops = new StringBuilder();
    append(drops, broken, "broken");
    append(drops, empty, "empty");
    append(drops, ties, "ties");
    append(drops, weakPreference, "weak preference");
    append(drops, identical, "identical");
    append(drops, promptTooLong, "prompt too long");
    append(drops, tooShort, "response too short");
    append(drops, tooLong, "response too long");
    if (drops.length() > 0) {
      sb.append("; dropped: ").append(drops);
    }
    if (cleaned > 0) {
      sb.append("; markup cleaned in ").append(cleaned);
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, long count, String what) {
    if (count > 0) {
      sb.append(sb.length() > 0 ? ", " : "").append(count).append(' ').append(what);
    }
  }
}

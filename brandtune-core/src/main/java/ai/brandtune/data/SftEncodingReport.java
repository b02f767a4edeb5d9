package ai.brandtune.data;

/**
 * What {@link SftEncoder#encodeAll} did with a dataset, for the run report.
 *
 * @param kept examples in the result
 * @param truncated kept examples that were cut to {@code max_length}
 * @param droppedTooLong examples longer than {@code max_length} dropped under {@link
 *     TruncationPolicy#DROP}
 * @param droppedNoLabels examples left with no labelled token (after truncation)
 * @param badRecords examples the chat template could not render, skipped and counted
 */
public record SftEncodingReport(
    int kept, int truncated, int droppedTooLong, int droppedNoLabels, BadRecords badRecords) {

  public String summary() {
    return kept
        + " example(s); "
        + truncated
        + " truncated, "
        + droppedTooLong
        + " dropped as too long, "
        + droppedNoLabels
        + " dropped with no labelled token left"
        + (badRecords.total() == 0 ? "" : "; " + badRecords.summary());
  }
}

package ai.brandtune.data;

import java.util.List;

/**
 * What {@link PreferenceEncoder#encodeDataset} made of a dataset, for the run report.
 *
 * @param examples the encoded examples, in input order
 * @param promptsTruncated examples whose prompt was cut to {@code max_prompt_length}
 * @param completionsTruncated completions (chosen or rejected) cut to fit {@code max_length}
 * @param badRecords examples the chat template could not render, skipped and counted
 */
public record PreferenceEncodedDataset(
    List<EncodedPreference> examples,
    int promptsTruncated,
    int completionsTruncated,
    BadRecords badRecords) {

  public PreferenceEncodedDataset {
    examples = List.copyOf(examples);
  }

  public String summary() {
    return examples.size()
        + " example(s); "
        + promptsTruncated
        + " prompt(s) truncated, "
        + completionsTruncated
        + " completion(s) truncated"
        + (badRecords.total() == 0 ? "" : "; " + badRecords.summary());
  }
}

package ai.brandtune.data;

import java.util.List;

/** Tokenized SFT examples ready for batching, with the report of how they were made. */
public record SftEncodedDataset(List<SftExample> examples, SftEncodingReport report) {

  public SftEncodedDataset {
    examples = List.copyOf(examples);
  }

  /** Each example's token count, in order: what {@link BatchPlan} plans with. */
  public int[] lengths() {
    int[] lengths = new int[examples.size()];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = examples.get(i).length();
    }
    return lengths;
  }

  public int size() {
    return examples.size();
  }
}

package ai.brandtune.judge;

import java.util.List;
import java.util.Map;

/**
 * The LLM judge's verdict on N candidates shown under anonymous labels in one order: which label it
 * picked as best, its scores per label and dimension, and the flaws it listed per label.
 */
public record ComparativeVerdict(
    String best,
    Map<String, Map<String, Integer>> scores,
    Map<String, List<String>> flaws,
    String rationale) {
  public ComparativeVerdict {
    scores = Map.copyOf(scores);
    flaws = Map.copyOf(flaws);
  }
}

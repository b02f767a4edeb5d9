package ai.brandtune.brand.corpus;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.KitProblem;
import java.util.List;
import java.util.stream.Collectors;

/** The records read from a JSONL file and the problems of the lines that could not be read. */
public record CorpusRead<T>(List<Numbered<T>> records, List<KitProblem> problems) {
  public CorpusRead {
    records = List.copyOf(records);
    problems = List.copyOf(problems);
  }

  /** The records, or a user error listing the bad lines. */
  public List<Numbered<T>> orThrow() {
    if (!problems.isEmpty()) {
      throw new BrandtuneException(
          problems.size()
              + " bad line(s):\n  "
              + problems.stream()
                  .limit(20)
                  .map(KitProblem::toString)
                  .collect(Collectors.joining("\n  ")));
    }
    return records;
  }
}

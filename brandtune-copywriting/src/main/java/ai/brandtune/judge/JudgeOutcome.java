package ai.brandtune.judge;

import java.util.List;

/**
 * A judgment's result: the validated verdict, or the reason it failed after every attempt (the item
 * is then recorded as failed, never given a default score).
 *
 * @param answers the judge's raw answers, one per attempt, for inspection
 */
public record JudgeOutcome<T>(T verdict, String failure, int attempts, List<String> answers) {
  public JudgeOutcome {
    answers = List.copyOf(answers);
  }

  public boolean ok() {
    return verdict != null;
  }
}

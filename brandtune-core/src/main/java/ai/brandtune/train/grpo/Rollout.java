package ai.brandtune.train.grpo;

import java.util.List;

/**
 * One generation batch and what was computed from it: {@code groups x num_generations} rows, each a
 * prompt, its sampled completion, the rewards and the advantage.
 *
 * @param records the prompt record of each row
 * @param promptIds each row's prompt tokens
 * @param completionIds each row's generated tokens (EOS included when it stopped)
 * @param texts each row's completion text
 * @param truncated whether each row hit {@code max_completion_length}
 * @param functionRewards [function][row], null where a function abstained
 * @param rewards each row's weighted total
 * @param advantages the advantages and group statistics
 */
record Rollout(
    List<PromptRecord> records,
    List<long[]> promptIds,
    List<long[]> completionIds,
    List<String> texts,
    boolean[] truncated,
    Double[][] functionRewards,
    double[] rewards,
    Advantages.Result advantages) {

  int rows() {
    return promptIds.size();
  }
}

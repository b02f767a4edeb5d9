package ai.brandtune.eval;

import ai.brandtune.text.ChatMessage;
import java.util.List;

/**
 * Opens the models an eval run needs. Implemented where checkpoints are loaded (the app's {@code
 * cli.CheckpointModels}, on top of its model loading), so the run itself stays free of device and
 * tokenizer code; tests pass scripted models.
 */
public interface ModelLoader {

  /** A model that writes copies. */
  interface CopyModel extends AutoCloseable {
    /** One batch of completions, one per prompt, in order, sampled with {@code seed}. */
    List<String> generate(List<List<ChatMessage>> prompts, EvalConfig.Sampling sampling, long seed);

    @Override
    void close();
  }

  /** A reward model that scores copies. */
  interface RewardModel extends AutoCloseable {
    double[] score(List<List<ChatMessage>> prompts, List<String> copies);

    @Override
    void close();
  }

  CopyModel openModel(EvalConfig.ModelSpec spec, EvalConfig config);

  RewardModel openRewardModel(String path, EvalConfig config);
}

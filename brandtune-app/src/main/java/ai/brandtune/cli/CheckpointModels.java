package ai.brandtune.cli;

import ai.brandtune.eval.EvalConfig;
import ai.brandtune.eval.ModelLoader;
import ai.brandtune.generate.Generation;
import ai.brandtune.generate.SamplingParams;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Torch;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.text.HfTokenizer;
import ai.brandtune.train.reward.RewardScorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Device;

/**
 * The eval run's {@link ModelLoader} for checkpoints on disk: a Hugging Face directory, optionally
 * with a PEFT adapter (merged for inference), loaded as {@code brandtune generate} loads it; reward
 * models as {@code brandtune rm score} loads them. Public so the pipeline can pass it to {@code
 * EvalRun.run(config, new CheckpointModels())}.
 */
public final class CheckpointModels implements ModelLoader {

  @Override
  public CopyModel openModel(EvalConfig.ModelSpec spec, EvalConfig config) {
    ModelOptions options = new ModelOptions();
    options.dir = Path.of(spec.path());
    options.adapter = spec.adapter() == null ? null : Path.of(spec.adapter());
    options.device = config.device();
    options.dtype = config.dtype();
    LoadedModel loaded = LoadedModel.load(options);
    return new CopyModel() {
      @Override
      public List<String> generate(
          List<List<ChatMessage>> prompts, EvalConfig.Sampling s, long seed) {
        HfTokenizer tokenizer = loaded.tokenizer();
        List<long[]> ids = new ArrayList<>();
        for (List<ChatMessage> p : prompts) {
          ids.add(tokenizer.encode(render(tokenizer, p)));
        }
        SamplingParams params =
            new SamplingParams(
                s.maxNewTokens(), s.temperature(), 0, s.topP(), 0, 1, seed, List.of(), false);
        return loaded.generator().generate(ids, params).stream().map(Generation::text).toList();
      }

      @Override
      public void close() {
        loaded.close();
      }
    };
  }

  /** The model's chat template when it has one, else the messages' text (base models). */
  static String render(HfTokenizer tokenizer, List<ChatMessage> messages) {
    if (tokenizer.chatTemplate().isPresent()) {
      return tokenizer.applyChatTemplate(messages, true, Map.of());
    }
    StringBuilder s = new StringBuilder();
    messages.forEach(m -> s.append(m.content()).append("\n\n"));
    return s.toString();
  }

  @Override
  public RewardModel openRewardModel(String path, EvalConfig config) {
    Torch.init();
    Device on = Devices.parse(config.device());
    RewardScorer scorer =
        RewardScorer.open(
            Path.of(path),
            on,
            Dtypes.parse(config.dtype(), on, "dtype"),
            RewardScorer.Options.defaults());
    return new RewardModel() {
      @Override
      public double[] score(List<List<ChatMessage>> prompts, List<String> copies) {
        return scorer.score(prompts, copies);
      }

      @Override
      public void close() {
        scorer.close();
      }
    };
  }
}

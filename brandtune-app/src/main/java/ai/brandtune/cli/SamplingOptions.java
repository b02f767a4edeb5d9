package ai.brandtune.cli;

import ai.brandtune.generate.SamplingParams;
import ai.brandtune.io.GenerationConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;

/**
 * Sampling flags shared by {@code generate} and {@code chat}. A flag left out falls back to the
 * model's generation_config.json, as vLLM does; without one, decoding is greedy.
 */
final class SamplingOptions {
  @Option(
      names = "--max-new-tokens",
      defaultValue = "256",
      paramLabel = "N",
      description = "Most tokens to generate per completion.")
  int maxNewTokens;

  @Option(
      names = "--temperature",
      paramLabel = "T",
      description =
          "Sampling temperature; 0 is greedy. Default: generation_config.json's when it samples,"
              + " else 0.")
  Double temperature;

  @Option(
      names = "--top-k",
      paramLabel = "K",
      description =
          "Keep the K most likely tokens; 0 disables. Default: generation_config.json, else 0.")
  Integer topK;

  @Option(
      names = "--top-p",
      paramLabel = "P",
      description =
          "Nucleus sampling: keep the smallest set of tokens reaching probability P."
              + " Default: generation_config.json, else 1.")
  Double topP;

  @Option(
      names = "--min-p",
      defaultValue = "0",
      paramLabel = "P",
      description = "Drop tokens less likely than P times the most likely one; 0 disables.")
  double minP;

  @Option(
      names = "--repetition-penalty",
      paramLabel = "R",
      description =
          "Divide logits of tokens already seen by R (transformers' rule); 1 disables."
              + " Default: generation_config.json, else 1.")
  Double repetitionPenalty;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed for sampling, for reproducible output. Default: a fresh seed each run.")
  Long seed;

  @Option(
      names = "--stop",
      paramLabel = "STR",
      showDefaultValue = Help.Visibility.NEVER,
      description = "Stop when the text contains STR (not included in the output). Repeatable.")
  List<String> stop = new ArrayList<>();

  /** Rejects bad flag values as usage errors naming the flag, before any model is loaded. */
  void validate(CommandLine cmd) {
    check(cmd, maxNewTokens >= 1, "--max-new-tokens", maxNewTokens, "must be at least 1");
    check(
        cmd, temperature == null || temperature >= 0, "--temperature", temperature, "must be >= 0");
    check(cmd, topK == null || topK >= 0, "--top-k", topK, "must be >= 0 (0 disables it)");
    check(cmd, topP == null || (topP > 0 && topP <= 1), "--top-p", topP, "must be in (0, 1]");
    check(cmd, minP >= 0 && minP < 1, "--min-p", minP, "must be in [0, 1)");
    check(
        cmd,
        repetitionPenalty == null || repetitionPenalty > 0,
        "--repetition-penalty",
        repetitionPenalty,
        "must be > 0");
    check(cmd, stop.stream().noneMatch(String::isEmpty), "--stop", "\"\"", "must not be empty");
  }

  /**
   * Flags first, then the model's defaults, then greedy decoding. Bad values from
   * generation_config.json fail in {@link SamplingParams}, naming the field.
   */
  SamplingParams resolve(GenerationConfig defaults) {
    boolean modelSamples = Boolean.TRUE.equals(defaults.doSample());
    double t =
        temperature != null
            ? temperature
            : modelSamples ? orElse(defaults.temperature(), 1.0) : 0.0;
    int k = topK != null ? topK : modelSamples ? orElse(defaults.topK(), 0) : 0;
    double p = topP != null ? topP : modelSamples ? orElse(defaults.topP(), 1.0) : 1.0;
    double r =
        repetitionPenalty != null ? repetitionPenalty : orElse(defaults.repetitionPenalty(), 1.0);
    return new SamplingParams(maxNewTokens, t, k, p, minP, r, seed, stop, false);
  }

  private static void check(CommandLine cmd, boolean ok, String flag, Object value, String why) {
    if (!ok) {
      throw new CommandLine.ParameterException(cmd, flag + " " + value + ": " + why);
    }
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }
}

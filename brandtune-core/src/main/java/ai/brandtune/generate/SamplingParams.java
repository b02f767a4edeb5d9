package ai.brandtune.generate;

import ai.brandtune.BrandtuneException;
import java.util.List;

/**
 * How to pick tokens, named as in transformers' GenerationConfig / vLLM's SamplingParams. {@code
 * temperature == 0} means greedy. {@code seed} makes sampling reproducible; null draws a fresh
 * seed. {@code ignoreEos} keeps generating past EOS (benchmarks).
 */
public record SamplingParams(
    int maxNewTokens,
    double temperature,
    int topK,
    double topP,
    double minP,
    double repetitionPenalty,
    Long seed,
    List<String> stop,
    boolean ignoreEos) {

  public SamplingParams {
    stop = stop == null ? List.of() : List.copyOf(stop);
    check(maxNewTokens >= 1, "max_new_tokens", maxNewTokens, "must be at least 1");
    check(
        temperature >= 0 && Double.isFinite(temperature),
        "temperature",
        temperature,
        "must be >= 0");
    check(topK >= 0, "top_k", topK, "must be >= 0 (0 disables it)");
    check(topP > 0 && topP <= 1, "top_p", topP, "must be in (0, 1]");
    check(minP >= 0 && minP < 1, "min_p", minP, "must be in [0, 1)");
    check(repetitionPenalty > 0, "repetition_penalty", repetitionPenalty, "must be > 0");
    for (String s : stop) {
      check(!s.isEmpty(), "stop", "\"\"", "stop strings must not be empty");
    }
  }

  public static SamplingParams greedy(int maxNewTokens) {
    return new SamplingParams(maxNewTokens, 0, 0, 1, 0, 1, null, List.of(), false);
  }

  public static SamplingParams sampling(int maxNewTokens, double temperature, long seed) {
    return new SamplingParams(maxNewTokens, temperature, 0, 1, 0, 1, seed, List.of(), false);
  }

  public boolean greedy() {
    return temperature == 0;
  }

  public SamplingParams withTopK(int k) {
    return new SamplingParams(
        maxNewTokens, temperature, k, topP, minP, repetitionPenalty, seed, stop, ignoreEos);
  }

  public SamplingParams withTopP(double p) {
    return new SamplingParams(
        maxNewTokens, temperature, topK, p, minP, repetitionPenalty, seed, stop, ignoreEos);
  }

  public SamplingParams withMinP(double p) {
    return new SamplingParams(
        maxNewTokens, temperature, topK, topP, p, repetitionPenalty, seed, stop, ignoreEos);
  }

  public SamplingParams withRepetitionPenalty(double r) {
    return new SamplingParams(
        maxNewTokens, temperature, topK, topP, minP, r, seed, stop, ignoreEos);
  }

  public SamplingParams withStop(List<String> s) {
    return new SamplingParams(
        maxNewTokens, temperature, topK, topP, minP, repetitionPenalty, seed, s, ignoreEos);
  }

  public SamplingParams withIgnoreEos(boolean ignore) {
    return new SamplingParams(
        maxNewTokens, temperature, topK, topP, minP, repetitionPenalty, seed, stop, ignore);
  }

  public SamplingParams withMaxNewTokens(int n) {
    return new SamplingParams(
        n, temperature, topK, topP, minP, repetitionPenalty, seed, stop, ignoreEos);
  }

  private static void check(boolean ok, String field, Object value, String why) {
    if (!ok) {
      throw new BrandtuneException("sampling parameter " + field + " = " + value + ": " + why);
    }
  }
}

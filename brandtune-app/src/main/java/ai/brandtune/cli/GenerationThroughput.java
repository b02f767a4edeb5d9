package ai.brandtune.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One {@code bench generate} measurement. Prefill is the first step (the whole prompt in one pass);
 * decode is every later step (one token per row), timed as total minus prefill.
 */
record GenerationThroughput(
    int batch, int promptTokens, int newTokens, double prefillSeconds, double totalSeconds) {

  double prefillTokensPerSecond() {
    return batch * (double) promptTokens / prefillSeconds;
  }

  double decodeSeconds() {
    return Math.max(totalSeconds - prefillSeconds, 1e-9);
  }

  /** Generated tokens per second over the decode steps, all rows together. */
  double decodeTokensPerSecond() {
    return batch * (double) (newTokens - 1) / decodeSeconds();
  }

  /** Time between two tokens of one row. */
  double millisPerDecodeStep() {
    return decodeSeconds() * 1000 / (newTokens - 1);
  }

  ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("batch", batch);
    n.put("prompt_tokens", promptTokens);
    n.put("new_tokens", newTokens);
    n.put("prefill_seconds", prefillSeconds);
    n.put("total_seconds", totalSeconds);
    n.put("prefill_tokens_per_second", prefillTokensPerSecond());
    n.put("decode_tokens_per_second", decodeTokensPerSecond());
    n.put("ms_per_decode_step", millisPerDecodeStep());
    return n;
  }
}

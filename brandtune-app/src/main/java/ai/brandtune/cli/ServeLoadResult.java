package ai.brandtune.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One concurrency level of {@code bench serve}: throughput and the percentiles of time to first
 * token and of whole-request latency, in milliseconds, plus how much the server batched.
 */
record ServeLoadResult(
    int concurrency,
    int requests,
    double seconds,
    long completionTokens,
    double ttftP50,
    double ttftP95,
    double latencyP50,
    double latencyP95,
    double requestsPerStepShared) {

  double requestsPerSecond() {
    return requests / seconds;
  }

  double tokensPerSecond() {
    return completionTokens / seconds;
  }

  ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("concurrency", concurrency);
    n.put("requests", requests);
    n.put("seconds", seconds);
    n.put("requests_per_second", requestsPerSecond());
    n.put("completion_tokens_per_second", tokensPerSecond());
    n.put("ttft_ms_p50", ttftP50);
    n.put("ttft_ms_p95", ttftP95);
    n.put("latency_ms_p50", latencyP50);
    n.put("latency_ms_p95", latencyP95);
    n.put("shared_step_fraction", requestsPerStepShared);
    return n;
  }
}

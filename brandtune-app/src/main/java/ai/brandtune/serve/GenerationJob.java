package ai.brandtune.serve;

import ai.brandtune.generate.Generation;
import ai.brandtune.generate.GenerationRequest;
import ai.brandtune.generate.TokenListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One HTTP request's rows waiting for, or being generated on, the model thread. The HTTP thread
 * cancels it when its client goes away; the model thread stops its rows at the next decode step.
 */
public final class GenerationJob {
  private final GenerationRequest request;
  private final TokenListener sink;
  private final long deadlineNanos;
  private final CompletableFuture<List<Generation>> result = new CompletableFuture<>();
  private volatile boolean cancelled;
  private final long queuedAtStep;

  GenerationJob(
      GenerationRequest request, TokenListener sink, long deadlineNanos, long queuedAtStep) {
    this.queuedAtStep = queuedAtStep;
    this.request = request;
    this.sink = sink;
    this.deadlineNanos = deadlineNanos;
  }

  /** The model thread's step count when the job was queued. */
  long queuedAtStep() {
    return queuedAtStep;
  }

  GenerationRequest request() {
    return request;
  }

  int rows() {
    return request.prompts().size();
  }

  int longestPrompt() {
    return request.prompts().stream().mapToInt(p -> p.length).max().orElse(0);
  }

  /** Called on the model thread with this job's own row index (0 until n). */
  TokenListener sink() {
    return sink;
  }

  /** Rows end at the next decode step; the result then holds what was generated so far. */
  public void cancel() {
    cancelled = true;
  }

  public boolean cancelled() {
    return cancelled;
  }

  public boolean expired() {
    return System.nanoTime() - deadlineNanos > 0;
  }

  boolean abandoned() {
    return cancelled || expired();
  }

  /** Completes with one generation per row once the batch it ran in finished. */
  public CompletableFuture<List<Generation>> result() {
    return result;
  }
}

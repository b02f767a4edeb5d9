package ai.brandtune.serve;

/**
 * Counters of the model thread since start, served at {@code /health}. {@code sharedSteps} counts
 * steps in which two or more requests generated together: the evidence that batching works; {@code
 * joinedRunning} counts requests that joined a batch while others were mid-generation (continuous
 * batching).
 */
public record WorkerStats(
    long requests,
    long batches,
    long steps,
    long sharedSteps,
    int maxRequestsInStep,
    long joinedRunning,
    long cancelled,
    long rejected,
    int queued) {}

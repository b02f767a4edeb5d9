package ai.brandtune.serve;

/**
 * Counters of the model thread since start, served at {@code /health}. {@code sharedSteps} counts
 * decode steps in which two or more requests generated together: the evidence that batching works.
 */
public record WorkerStats(
    long requests,
    long batches,
    long steps,
    long sharedSteps,
    int maxRequestsInStep,
    long cancelled,
    long rejected,
    int queued) {}

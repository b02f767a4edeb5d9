package ai.brandtune.generate;

/**
 * Hooks a server uses while a mixed batch runs, called on the generating thread between decode
 * steps: whether a request was abandoned (its rows stop and free their share of the work) and how
 * many requests were still generating in each step (to measure batching).
 */
public interface BatchControl {
  BatchControl NONE = new BatchControl() {};

  /** True once the request's client is gone or its deadline passed; its rows end as cancelled. */
  default boolean cancelled(int request) {
    return false;
  }

  /** Called after each decode step with the number of requests that had active rows in it. */
  default void onStep(int activeRequests) {}
}

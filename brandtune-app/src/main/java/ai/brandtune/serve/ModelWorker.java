package ai.brandtune.serve;

import ai.brandtune.BrandtuneException;
import ai.brandtune.generate.ContinuousBatch;
import ai.brandtune.generate.Generation;
import ai.brandtune.generate.GenerationRequest;
import ai.brandtune.generate.TokenListener;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that does tensor work (libtorch scopes and grad modes are thread-local, and a
 * model is not safe to share between threads). Requests wait in a bounded queue; between decode
 * steps the thread moves every queued request that fits into the running {@link ContinuousBatch},
 * so a new request starts generating after at most one step instead of waiting for the batch to
 * finish. A batch is sized when it starts (slots for the queue, cache columns for the longest
 * request); when it is full or out of columns, newcomers wait until it drains and a new one starts.
 * Other model work (reward scoring) runs between steps through {@link #call}.
 */
public final class ModelWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelWorker.class);
  private static final int MIN_COLUMNS = 2048;
  private static final int COLUMNS_PER_NEED = 2;

  /**
   * Prompts longer than this start a batch without spare slots: a join step costs every slot the
   * prompt's length squared in attention, which for long prompts outweighs what joining saves.
   */
  private static final int LONG_PROMPT = 512;

  /**
   * Steps a request may wait before it joins a running batch on its own. A join step is as wide as
   * the joining prompts for every slot, so joining one request each step would cost a prompt pass
   * per step; waiting a few steps lets several join in one.
   */
  private static final int JOIN_DELAY_STEPS = 4;

  private final ServedModel model;
  private final int contextLength;
  private final int queueSize;
  private final int maxBatchRows;
  private final BlockingDeque<Object> queue = new LinkedBlockingDeque<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final Thread thread;
  private volatile boolean running = true;

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong steps = new AtomicLong();
  private final AtomicLong sharedSteps = new AtomicLong();
  private final AtomicInteger maxRequestsInStep = new AtomicInteger();
  private final AtomicLong joinedRunning = new AtomicLong();
  private final AtomicLong cancelled = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  public ModelWorker(ServedModel model, int queueSize, int maxBatchRows) {
    this.model = model;
    this.contextLength = model.contextLength();
    this.queueSize = queueSize;
    this.maxBatchRows = maxBatchRows;
    this.thread = new Thread(this::loop, "brandtune-model");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues a request; empty when the queue is full (the caller answers 429). {@code sink} gets
   * every token of the request's rows on the model thread and must not block.
   */
  public Optional<GenerationJob> submit(
      GenerationRequest request, TokenListener sink, Duration timeout) {
    if (request.prompts().size() > maxBatchRows) {
      throw new BrandtuneException(
          request.prompts().size() + " rows exceed --max-batch-rows " + maxBatchRows);
    }
    if (queued.incrementAndGet() > queueSize) {
      queued.decrementAndGet();
      rejected.incrementAndGet();
      return Optional.empty();
    }
    GenerationJob job =
        new GenerationJob(request, sink, System.nanoTime() + timeout.toNanos(), steps.get());
    queue.offer(job);
    return Optional.of(job);
  }

  /** Runs other model work on the model thread, between decode steps. */
  public <T> CompletableFuture<T> call(Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    queue.offer(
        (Runnable)
            () -> {
              try {
                result.complete(task.call());
              } catch (Exception | Error e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  public WorkerStats stats() {
    return new WorkerStats(
        requests.get(),
        batches.get(),
        steps.get(),
        sharedSteps.get(),
        maxRequestsInStep.get(),
        joinedRunning.get(),
        cancelled.get(),
        rejected.get(),
        queued.get());
  }

  private void loop() {
    ContinuousBatch batch = null;
    Set<GenerationJob> inBatch = new LinkedHashSet<>();
    try {
      while (running) {
        if (batch != null && batch.idle()) {
          batch.close();
          batch = null;
        }
        if (batch == null) {
          try {
            queue.putFirst(queue.take()); // wait for work without holding a cache
          } catch (InterruptedException e) {
            return;
          }
        }
        batch = admit(batch, inBatch);
        if (batch == null || batch.idle()) {
          continue;
        }
        try {
          int active = batch.step();
          steps.incrementAndGet();
          if (active > 1) {
            sharedSteps.incrementAndGet();
          }
          maxRequestsInStep.accumulateAndGet(active, Math::max);
        } catch (RuntimeException | Error e) {
          log.error("generation failed for {} requests: {}", inBatch.size(), e.toString());
          List.copyOf(inBatch).forEach(j -> j.result().completeExceptionally(e));
          inBatch.clear();
          batch.close();
          batch = null;
        }
      }
    } finally {
      if (batch != null) {
        batch.close();
      }
    }
  }

  /**
   * Moves queued requests into the batch in arrival order until one does not fit; runs queued tasks
   * on the way. Starts a batch sized for the queue when there is none.
   */
  private ContinuousBatch admit(ContinuousBatch batch, Set<GenerationJob> inBatch) {
    Object head;
    while ((head = queue.peek()) != null) {
      if (head instanceof Runnable task) {
        queue.poll();
        task.run();
        continue;
      }
      GenerationJob job = (GenerationJob) head;
      if (job.abandoned()) {
        queue.poll();
        queued.decrementAndGet();
        finishAbandoned(job);
        continue;
      }
      if (batch == null) {
        batch = model.batch(slotsFor(job), columnsFor(job));
        batches.incrementAndGet();
      }
      if (batch.generating() > 0
          && steps.get() - job.queuedAtStep() < JOIN_DELAY_STEPS
          && queuedRows() < batch.freeSlots()) {
        break; // let more arrive and join together
      }
      if (!batch.canAdmit(job.request())) {
        if (batch.idle()) {
          // sized for an earlier queue: start over with one that fits this request
          batch.close();
          batch = null;
          continue;
        }
        break;
      }
      queue.poll();
      queued.decrementAndGet();
      try {
        if (batch.generating() > 0) {
          joinedRunning.incrementAndGet();
        }
        batch.admit(job.request(), handle(job, inBatch));
        inBatch.add(job);
        requests.incrementAndGet();
      } catch (BrandtuneException e) {
        job.result().completeExceptionally(e);
      }
    }
    return batch;
  }

  private ContinuousBatch.Handle handle(GenerationJob job, Set<GenerationJob> inBatch) {
    return new ContinuousBatch.Handle() {
      @Override
      public void onToken(int row, long tokenId, String textDelta) {
        if (job.sink() != null && !job.cancelled()) {
          try {
            job.sink().onToken(row, tokenId, textDelta);
          } catch (RuntimeException e) {
            job.cancel();
          }
        }
      }

      @Override
      public boolean streams() {
        return job.sink() != null;
      }

      @Override
      public boolean cancelled() {
        return job.abandoned();
      }

      @Override
      public void onFinished(List<Generation> rows) {
        inBatch.remove(job);
        if (job.abandoned()) {
          finishAbandoned(job);
        } else {
          job.result().complete(List.copyOf(rows));
        }
      }
    };
  }

  /**
   * Room for twice the rows waiting now, within --max-batch-rows: empty slots cost compute in every
   * step (and a join step costs slots times the prompt length squared in attention), so a batch
   * grows with the load rather than starting at the maximum.
   */
  private int slotsFor(GenerationJob head) {
    int rows = queuedRows();
    if (head.longestPrompt() > LONG_PROMPT) {
      return Math.max(head.rows(), Math.min(maxBatchRows, rows));
    }
    int slots = Integer.highestOneBit(Math.max(1, 2 * rows - 1)) << 1;
    return Math.max(head.rows(), Math.min(maxBatchRows, slots));
  }

  private int queuedRows() {
    int rows = 0;
    for (Object o : queue) {
      if (o instanceof GenerationJob j) {
        rows += j.rows();
      }
    }
    return rows;
  }

  /**
   * Cache columns for the head request and later joins: twice what it needs, at least 2048, at most
   * the context (the cache costs slots times columns of keys and values in every layer).
   */
  private int columnsFor(GenerationJob head) {
    int need = head.longestPrompt() + head.request().params().maxNewTokens();
    return Math.max(need, Math.min(contextLength, Math.max(MIN_COLUMNS, COLUMNS_PER_NEED * need)));
  }

  private void finishAbandoned(GenerationJob job) {
    cancelled.incrementAndGet();
    job.result()
        .completeExceptionally(
            job.cancelled()
                ? new CancellationException("client disconnected")
                : new TimeoutException("request timed out"));
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Object o : queue) {
      if (o instanceof GenerationJob job) {
        job.result().completeExceptionally(new CancellationException("server stopped"));
      }
    }
  }
}

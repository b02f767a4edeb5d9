package ai.brandtune.serve;

import ai.brandtune.generate.BatchControl;
import ai.brandtune.generate.Generation;
import ai.brandtune.generate.GenerationRequest;
import ai.brandtune.generate.Generator;
import ai.brandtune.generate.TokenListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * model is not safe to share between threads). Requests wait in a bounded queue; each time the
 * thread is free it takes every queued request that fits ({@code maxBatchRows}, the context) and
 * generates them in shared decode steps, each with its own sampling parameters and seed. Other
 * model work (reward scoring) runs between batches through {@link #call}.
 */
public final class ModelWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelWorker.class);

  private final Generator generator;
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
  private final AtomicLong cancelled = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  public ModelWorker(ServedModel model, int queueSize, int maxBatchRows) {
    this.generator = model.generator();
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
    if (queued.incrementAndGet() > queueSize) {
      queued.decrementAndGet();
      rejected.incrementAndGet();
      return Optional.empty();
    }
    GenerationJob job = new GenerationJob(request, sink, System.nanoTime() + timeout.toNanos());
    queue.offer(job);
    return Optional.of(job);
  }

  /** Runs other model work on the model thread, between batches. */
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
        cancelled.get(),
        rejected.get(),
        queued.get());
  }

  private void loop() {
    while (running) {
      Object first;
      try {
        first = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (first instanceof Runnable task) {
        task.run();
        continue;
      }
      queued.decrementAndGet();
      List<GenerationJob> batch = new ArrayList<>();
      batch.add((GenerationJob) first);
      while (queue.peek() instanceof GenerationJob next && fits(batch, next)) {
        queue.poll();
        queued.decrementAndGet();
        batch.add(next);
      }
      List<GenerationJob> live = new ArrayList<>();
      for (GenerationJob job : batch) {
        if (job.abandoned()) {
          finishAbandoned(job);
        } else {
          live.add(job);
        }
      }
      if (!live.isEmpty()) {
        run(live);
      }
    }
  }

  /**
   * Whether {@code next} can join: the rows fit, and every request still gets its full token limit
   * although the batch's prompts are padded to the longest.
   */
  private boolean fits(List<GenerationJob> batch, GenerationJob next) {
    int rows = next.rows();
    int longest = next.longestPrompt();
    int maxNew = next.request().params().maxNewTokens();
    for (GenerationJob j : batch) {
      rows += j.rows();
      longest = Math.max(longest, j.longestPrompt());
      maxNew = Math.max(maxNew, j.request().params().maxNewTokens());
    }
    return rows <= maxBatchRows && longest + maxNew <= contextLength;
  }

  private void run(List<GenerationJob> batch) {
    batches.incrementAndGet();
    requests.addAndGet(batch.size());
    int[] offset = new int[batch.size() + 1];
    List<GenerationRequest> wanted = new ArrayList<>();
    for (int q = 0; q < batch.size(); q++) {
      wanted.add(batch.get(q).request());
      offset[q + 1] = offset[q] + batch.get(q).rows();
    }
    TokenListener listener =
        (row, token, delta) -> {
          int q = 0;
          while (offset[q + 1] <= row) {
            q++;
          }
          GenerationJob job = batch.get(q);
          if (job.sink() != null && !job.cancelled()) {
            try {
              job.sink().onToken(row - offset[q], token, delta);
            } catch (RuntimeException e) {
              job.cancel();
            }
          }
        };
    BatchControl control =
        new BatchControl() {
          @Override
          public boolean cancelled(int request) {
            return batch.get(request).abandoned();
          }

          @Override
          public void onStep(int active) {
            steps.incrementAndGet();
            if (active > 1) {
              sharedSteps.incrementAndGet();
            }
            maxRequestsInStep.accumulateAndGet(active, Math::max);
          }
        };
    try {
      List<Generation> out = generator.generate(wanted, listener, control);
      for (int q = 0; q < batch.size(); q++) {
        GenerationJob job = batch.get(q);
        if (job.abandoned()) {
          finishAbandoned(job);
        } else {
          job.result().complete(List.copyOf(out.subList(offset[q], offset[q + 1])));
        }
      }
    } catch (RuntimeException | Error e) {
      log.error("generation failed for a batch of {} requests: {}", batch.size(), e.toString());
      batch.forEach(j -> j.result().completeExceptionally(e));
    }
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

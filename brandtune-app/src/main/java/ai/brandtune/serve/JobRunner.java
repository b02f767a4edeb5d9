package ai.brandtune.serve;

import ai.brandtune.BrandtuneException;
import ai.brandtune.generate.Generation;
import ai.brandtune.generate.GenerationRequest;
import ai.brandtune.generate.TokenListener;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an HTTP thread does with a generation: queue it (429 when the queue is full), wait for it
 * within the timeout, and for streams relay each row's text as it comes, cancelling the rows when
 * the client goes away.
 */
final class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
  private static final int RETRY_AFTER_SECONDS = 1;
  private static final long KEEP_ALIVE_MS = 1000;

  /** Newly completed text of one row. */
  record Piece(int row, String text) {}

  private final ModelWorker worker;
  private final ServeConfig config;

  JobRunner(ModelWorker worker, ServeConfig config) {
    this.worker = worker;
    this.config = config;
  }

  List<Generation> run(GenerationRequest request) {
    return await(submit(request, null));
  }

  /** A queued streaming request and the text pieces its rows produce. */
  record Streaming(GenerationJob job, BlockingQueue<Piece> pieces) {}

  /** Queues a streaming request; 429 before any header is sent when the queue is full. */
  Streaming startStreaming(GenerationRequest request) {
    BlockingQueue<Piece> pieces = new LinkedBlockingQueue<>();
    GenerationJob job =
        submit(
            request,
            (row, token, delta) -> {
              if (!delta.isEmpty()) {
                pieces.add(new Piece(row, delta));
              }
            });
    return new Streaming(job, pieces);
  }

  /** Opens the event stream of a queued request; cancels it when the response cannot start. */
  static SseStream open(Context ctx, Streaming started) throws IOException {
    try {
      return new SseStream(ctx);
    } catch (IOException | RuntimeException e) {
      started.job().cancel();
      throw e;
    }
  }

  /** Queues the request; the caller sends the response headers only after this succeeded. */
  GenerationJob submit(GenerationRequest request, TokenListener sink) {
    return worker
        .submit(request, sink, config.timeout())
        .orElseThrow(() -> ApiException.busy(RETRY_AFTER_SECONDS));
  }

  /**
   * Hands each piece of text to {@code onPiece} (which writes it to the stream) until the rows
   * finish; returns them, or throws when the request failed or timed out. A client gone mid-stream
   * cancels the rows and returns null.
   */
  List<Generation> relay(Streaming started, SseStream sse, Consumer<Piece> onPiece) {
    GenerationJob job = started.job();
    BlockingQueue<Piece> pieces = started.pieces();
    long lastWrite = System.nanoTime();
    try {
      while (true) {
        Piece p = pieces.poll(50, TimeUnit.MILLISECONDS);
        if (p != null) {
          onPiece.accept(p);
          lastWrite = System.nanoTime();
        } else if (job.result().isDone() && pieces.isEmpty()) {
          break;
        } else if (System.nanoTime() - lastWrite > KEEP_ALIVE_MS * 1_000_000) {
          sse.keepAlive();
          lastWrite = System.nanoTime();
        }
        if (!sse.ok()) {
          job.cancel();
          return null;
        }
      }
    } catch (InterruptedException e) {
      job.cancel();
      Thread.currentThread().interrupt();
      return null;
    }
    return await(job);
  }

  List<Generation> await(GenerationJob job) {
    try {
      return job.result().get(config.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TimeoutException) {
        throw ApiException.timeout(config.timeout().toSeconds());
      }
      if (cause instanceof CancellationException) {
        throw new ApiException(
            499, "invalid_request_error", "The request was cancelled.", null, "cancelled");
      }
      if (cause instanceof BrandtuneException b) {
        throw ApiException.invalid(null, b.getMessage());
      }
      log.error("generation failed", cause);
      throw ApiException.internal();
    } catch (TimeoutException e) {
      job.cancel();
      throw ApiException.timeout(config.timeout().toSeconds());
    } catch (InterruptedException e) {
      job.cancel();
      Thread.currentThread().interrupt();
      throw ApiException.internal();
    }
  }
}

package ai.brandtune.train;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C (SIGINT) into a request the training loop honours between steps: it saves a
 * checkpoint and stops instead of dying mid-step. A second Ctrl-C falls back to the default handler
 * and exits at once.
 */
public final class StopSignal implements AutoCloseable {
  private final AtomicBoolean requested = new AtomicBoolean();
  private final SignalHandler previous;
  private final int atStep;

  private StopSignal(boolean installHandler, int atStep) {
    this.atStep = atStep;
    SignalHandler prev = null;
    if (installHandler) {
      try {
        prev =
            Signal.handle(
                new Signal("INT"),
                sig -> {
                  if (!requested.compareAndSet(false, true)) {
                    Signal.handle(new Signal("INT"), SignalHandler.SIG_DFL);
                    Signal.raise(new Signal("INT"));
                  }
                  System.err.println("\nstopping after this step: saving a checkpoint ...");
                });
      } catch (IllegalArgumentException e) {
        prev = null; // no SIGINT on this platform or JVM: only request() stops
      }
    }
    this.previous = prev;
  }

  /** Listens for SIGINT until closed. */
  public static StopSignal onInterrupt() {
    return new StopSignal(true, Integer.MAX_VALUE);
  }

  /** A signal only {@link #request()} raises, for embedding and tests. */
  public static StopSignal manual() {
    return new StopSignal(false, Integer.MAX_VALUE);
  }

  /** Stops once {@code step} steps are done, as if interrupted there (time-boxed runs, tests). */
  public static StopSignal atStep(int step) {
    return new StopSignal(false, step);
  }

  public void request() {
    requested.set(true);
  }

  /** Whether the loop should stop now, with {@code stepsDone} steps completed. */
  public boolean requested(int stepsDone) {
    return requested.get() || stepsDone >= atStep;
  }

  @Override
  public void close() {
    if (previous != null) {
      Signal.handle(new Signal("INT"), previous);
    }
  }
}

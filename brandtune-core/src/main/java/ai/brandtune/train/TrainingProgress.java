package ai.brandtune.train;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The progress bar on stderr: steps, ETA, and the latest loss, learning rate and tokens/s. */
public final class TrainingProgress implements AutoCloseable {
  private final ProgressBar bar;

  public TrainingProgress(String task, int start, int total, boolean enabled) {
    this.bar =
        enabled
            ? new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .startsFrom(start, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build()
            : null;
  }

  void update(int step, double loss, double lr, double tokensPerSecond) {
    if (bar != null) {
      bar.stepTo(step);
      bar.setExtraMessage(
          String.format(Locale.ROOT, "loss %.4f lr %.2e %.0f tok/s", loss, lr, tokensPerSecond));
    }
  }

  /** Moves to {@code step} with an algorithm's own summary (GRPO: reward, KL, ...). */
  public void update(int step, String message) {
    if (bar != null) {
      bar.stepTo(step);
      bar.setExtraMessage(message);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}

package ai.brandtune.llm;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The progress bar of a batch on stderr: items done, items/s, ETA, failures and cost so far. */
final class BatchProgress implements AutoCloseable {
  private final ProgressBar bar;

  BatchProgress(String task, int total, boolean enabled) {
    this.bar =
        enabled
            ? new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .startsFrom(0, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build()
            : null;
  }

  synchronized void itemDone(long failed, long cached, double cost, String currency) {
    if (bar != null) {
      bar.step();
      bar.setExtraMessage(
          String.format(
              Locale.ROOT, "failed %d cached %d ~%.4f %s", failed, cached, cost, currency));
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}

package ai.brandtune.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sun.misc.Signal;

class StopSignalTest {
  @Test
  void sigintBecomesAStopRequestWhileInstalled() throws InterruptedException {
    try (StopSignal stop = StopSignal.onInterrupt()) {
      assertThat(stop.requested(0)).isFalse();
      Signal.raise(new Signal("INT"));
      for (int i = 0; i < 50 && !stop.requested(0); i++) {
        Thread.sleep(20); // the JVM runs signal handlers on their own thread
      }
      assertThat(stop.requested(0)).isTrue();
    }
  }

  @Test
  void atStepStopsOnceThatManyStepsAreDone() {
    StopSignal stop = StopSignal.atStep(3);
    assertThat(stop.requested(2)).isFalse();
    assertThat(stop.requested(3)).isTrue();
  }
}

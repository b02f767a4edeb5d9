package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DoctorCommandTest {

  @Test
  void reportsTheEnvironmentAndATokenizerThatLoads() {
    CliRun run = CliRun.of("doctor");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("libtorch", "java", "cpu cores", "libtorch threads", "cuda", "max heap")
        .contains("javacpp physical bytes", "maxPhysicalBytes=0")
        .containsPattern("tokenizer \\(DJL\\)\\s+ok");
  }
}

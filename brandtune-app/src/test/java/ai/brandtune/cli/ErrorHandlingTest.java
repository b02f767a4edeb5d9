package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorHandlingTest {
  @TempDir Path tmp;

  @Test
  void unknownFlagIsAOneLineUsageError() {
    CliRun run = CliRun.of("generate", "--model", "m", "--prompt", "p", "--no-such-flag");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().startsWith("error: Unknown option");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void malformedNumberIsAOneLineUsageError() {
    CliRun run = CliRun.of("generate", "--model", "m", "--prompt", "p", "--max-new-tokens", "many");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("error:")
        .contains("--max-new-tokens");
  }

  @Test
  void missingRequiredOptionIsAOneLineUsageError() {
    CliRun run = CliRun.of("score", "--text", "x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().contains("--model");
  }

  @Test
  void missingModelDirectoryIsAOneLineErrorWithoutStackTrace() {
    Path missing = tmp.resolve("no-model");
    CliRun run = CliRun.of("generate", "--model", missing.toString(), "--prompt", "p");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("error: ")
        .contains(missing.toString());
    assertThat(run.err()).doesNotContain("\tat ", "Exception");
  }

  @Test
  void verboseAddsTheStackTrace() {
    Path missing = tmp.resolve("no-model");
    CliRun run = CliRun.of("--verbose", "score", "--model", missing.toString(), "--text", "x");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: ").contains("BrandtuneException", "\tat ");
  }

  @Test
  void verboseWorksAfterTheSubcommandToo() {
    Path missing = tmp.resolve("no-model");
    CliRun run = CliRun.of("score", "--model", missing.toString(), "--text", "x", "--verbose");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("\tat ");
  }

  @Test
  void outOfRangeBenchArgumentIsAUsageError() {
    CliRun run = CliRun.of("bench", "generate", "--model", tmp.toString(), "--new-tokens", "1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().contains("--new-tokens");
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliRun run = CliRun.of("frobnicate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().startsWith("error:");
  }

  @Test
  void noCommandPrintsUsage() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Usage: brandtune");
  }
}

package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** A tiny qwen3 model with the built-in tokenizer, made through the CLI itself. */
final class TinyModel {
  private TinyModel() {}

  static Path create(Path parent) {
    Path dir = parent.resolve("tiny");
    CliRun run = CliRun.of("init-model", "--output", dir.toString(), "--preset", "tiny");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return dir;
  }
}

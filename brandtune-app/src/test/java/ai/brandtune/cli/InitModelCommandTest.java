package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitModelCommandTest {
  @TempDir Path tmp;

  @Test
  void writesACheckpointAndSaysWhatItMade() {
    Path dir = tmp.resolve("m");
    CliRun run =
        CliRun.of("init-model", "--output", dir.toString(), "--preset", "tiny", "--arch", "llama");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("llama", "parameters:", "vocab size:", dir.toString());
    assertThat(dir.resolve("config.json")).isRegularFile();
    assertThat(dir.resolve("tokenizer.json")).isRegularFile();
    assertThat(Files.exists(dir.resolve("model.safetensors"))).isTrue();
  }

  @Test
  void unknownPresetIsAOneLineError() {
    CliRun run =
        CliRun.of("init-model", "--output", tmp.resolve("m").toString(), "--preset", "huge");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString().contains("huge");
  }

  @Test
  void unknownArchitectureIsAOneLineError() {
    CliRun run = CliRun.of("init-model", "--output", tmp.resolve("m").toString(), "--arch", "gpt2");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString().contains("gpt2");
  }
}

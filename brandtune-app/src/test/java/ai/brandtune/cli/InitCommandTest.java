package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
  @TempDir Path tmp;

  @Test
  void theScaffoldValidatesAndItsProjectRunsTheDataStage() throws Exception {
    Path project = tmp.resolve("my-brand");
    CliRun init = CliRun.of("init", project.toString(), "--name", "Acme 护肤");
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(project.resolve("brand.yaml")).content().contains("name: \"Acme 护肤\"");
    assertThat(project.resolve("products.yaml")).isRegularFile();
    assertThat(project.resolve("project.yaml")).content().contains("# base_model:");

    CliRun validate = CliRun.of("brand", "validate", "--kit", project.toString());
    assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
    assertThat(validate.out()).contains("0 error(s)");

    Path runs = tmp.resolve("runs");
    CliRun data =
        CliRun.of(
            "pipeline",
            "--config",
            project.resolve("project.yaml").toString(),
            "--runs-dir",
            runs.toString(),
            "--only",
            "data");
    assertThat(data.exitCode()).as(data.out() + data.err()).isZero();
    assertThat(data.out()).containsPattern("(?m)^data\\s+ran");
    JsonNode manifest =
        new ObjectMapper().readTree(runs.resolve("my-brand/data/manifest.json").toFile());
    assertThat(manifest.get("status").asText()).isEqualTo("complete");
    assertThat(manifest.get("config").get("kit").asText())
        .isEqualTo(project.toAbsolutePath().normalize().toString());
    assertThat(manifest.get("inputs").fieldNames().next()).startsWith("external:");
  }

  @Test
  void refusesANonEmptyDirectory() throws Exception {
    Files.writeString(tmp.resolve("keep.txt"), "x");
    CliRun init = CliRun.of("init", tmp.toString());
    assertThat(init.exitCode()).isNotZero();
    assertThat(init.err()).contains("not empty");
    assertThat(tmp.resolve("brand.yaml")).doesNotExist();
  }

  @Test
  void anUnknownProjectKeyNamesTheLineAndTheClosestKey() throws Exception {
    Path file = tmp.resolve("project.yaml");
    Files.writeString(file, "name: x\nbase_modle: /m\n");
    CliRun run = CliRun.of("pipeline", "--config", file.toString(), "--runs-dir", tmp.toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("project.yaml:2").contains("base_modle").contains("base_model");
  }
}

package ai.brandtune.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.train.dpo.DpoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSnapshotTest {
  @TempDir Path dir;

  @Test
  void snapshotIsFlatAndReadsBackToTheSameConfig() throws IOException {
    DpoConfig config =
        ConfigFile.read(
            null,
            List.of("model_name_or_path=m", "dataset=d.jsonl", "output_dir=" + dir, "beta=0.2"),
            DpoConfig.class);
    ConfigSnapshot.write(config, dir);
    Path file = dir.resolve(ConfigSnapshot.FILE);
    List<String> lines = Files.readAllLines(file);
    // the loop's keys stand at the top level next to the algorithm's, never under "loop:"
    assertThat(lines).contains("beta: 0.2", "learning_rate: 1.0E-6", "num_train_epochs: 3");
    assertThat(lines).noneMatch(l -> l.startsWith("loop"));
    assertThat(ConfigFile.read(file, List.of(), DpoConfig.class)).isEqualTo(config);
  }
}

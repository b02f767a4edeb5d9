package ai.brandtune.train;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the resolved config (every key, defaults filled in) into {@code output_dir}, so a run
 * records how it was made; the file is flat YAML that {@link ConfigFile} reads back.
 */
public final class ConfigSnapshot {
  /** The file name in {@code output_dir}. */
  public static final String FILE = "training_config.yaml";

  private ConfigSnapshot() {}

  public static void write(Record config, Path outputDir) {
    ObjectMapper yaml =
        new YAMLMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    try {
      Files.createDirectories(outputDir);
      yaml.writeValue(outputDir.resolve(FILE).toFile(), config);
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + outputDir.resolve(FILE) + ": " + e, e);
    }
  }
}

package ai.brandtune.pipeline;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stage's {@code manifest.json}: what ran (config and its hash, the inputs' hashes, versions,
 * seed), how it ended (status, timings, error) and what it wrote (fingerprints of its outputs,
 * summary numbers). Written when the stage starts ({@code running}) and again when it ends, so a
 * killed run leaves {@code running} behind and the next run resumes it.
 *
 * @param status {@code running}, {@code complete} or {@code failed}
 * @param inputs input name (an earlier stage, {@code external:<path>}) to its hash
 * @param outputs output file, relative to the stage directory, to its fingerprint
 * @param attempts how many times the stage started with this config and these inputs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageManifest(
    String stage,
    String status,
    JsonNode config,
    String configHash,
    Map<String, String> inputs,
    Map<String, String> versions,
    long seed,
    boolean quick,
    String startedAt,
    String finishedAt,
    Double seconds,
    int attempts,
    List<String> outputPaths,
    Map<String, String> outputs,
    Map<String, Object> summary,
    String error) {

  public static final String FILE = "manifest.json";
  public static final String RUNNING = "running";
  public static final String COMPLETE = "complete";
  public static final String FAILED = "failed";

  /** This attempt's manifest as it ended: same stage, config, inputs and start, now finished. */
  public StageManifest ended(
      String endStatus,
      double endSeconds,
      List<String> endOutputPaths,
      Map<String, String> endOutputs,
      Map<String, Object> endSummary,
      String endError) {
    return new StageManifest(
        stage,
        endStatus,
        config,
        configHash,
        inputs,
        versions,
        seed,
        quick,
        startedAt,
        Instant.now().toString(),
        endSeconds,
        attempts,
        endOutputPaths,
        endOutputs,
        endSummary,
        endError);
  }

  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public boolean complete() {
    return COMPLETE.equals(status);
  }

  /** The manifest in {@code stageDir}, if there is a readable one. */
  public static Optional<StageManifest> read(Path stageDir) {
    Path file = stageDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), StageManifest.class));
    } catch (IOException e) {
      return Optional.empty(); // torn or foreign: the stage runs again
    }
  }

  /** Writes the manifest atomically (temp file, then rename). */
  void write(Path stageDir) {
    Path file = stageDir.resolve(FILE);
    Path tmp = stageDir.resolve(FILE + ".tmp");
    try {
      Files.createDirectories(stageDir);
      JSON.writeValue(tmp.toFile(), this);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}

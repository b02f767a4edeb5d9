package ai.brandtune.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code manifest.json} of a data run directory: for every stage {@code data build} ran, the hashes
 * of its inputs (config keys it reads, kit files, input files), of the files it wrote, its counts,
 * and whether it completed. A later build skips a stage whose entry is complete, whose inputs hash
 * the same and whose outputs are still there unchanged. No timestamps: an unchanged rerun leaves
 * the file byte for byte the same.
 */
public final class BuildManifest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Entry> stages = new LinkedHashMap<>();

  /**
   * One stage's record.
   *
   * @param complete false when the stage ran but left work undone (failed teacher requests), so the
   *     next build runs it again
   * @param inputs input name to SHA-256 ({@code config}, {@code kit}, file paths)
   * @param outputs output path (relative to the run directory) to SHA-256
   * @param counts the stage summary's counts
   */
  public record Entry(
      boolean complete,
      Map<String, String> inputs,
      Map<String, String> outputs,
      Map<String, Long> counts) {
    public Entry {
      inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
      outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
      counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
  }

  /**
   * The manifest in {@code dir}; empty when there is none, or when it cannot be read (then every
   * stage runs again, which is always safe).
   */
  public static BuildManifest read(Path dir) {
    BuildManifest m = new BuildManifest();
    Path file = dir.resolve(DataDir.MANIFEST);
    if (!Files.isRegularFile(file)) {
      return m;
    }
    try {
      JsonNode stages = JSON.readTree(file.toFile()).path("stages");
      for (Map.Entry<String, JsonNode> e : stages.properties()) {
        JsonNode s = e.getValue();
        m.stages.put(
            e.getKey(),
            new Entry(
                s.path("complete").asBoolean(false),
                strings(s.path("inputs")),
                strings(s.path("outputs")),
                longs(s.path("counts"))));
      }
      return m;
    } catch (IOException | RuntimeException e) {
      return new BuildManifest();
    }
  }

  public Optional<Entry> stage(String name) {
    return Optional.ofNullable(stages.get(name));
  }

  public Map<String, Entry> stages() {
    return Collections.unmodifiableMap(stages);
  }

  public void put(String stage, Entry entry) {
    stages.put(stage, entry);
  }

  /** Writes {@code manifest.json} in {@code dir} atomically. */
  public void write(Path dir) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    ObjectNode all = root.putObject("stages");
    stages.forEach(
        (name, e) -> {
          ObjectNode s = all.putObject(name);
          s.put("complete", e.complete());
          e.inputs().forEach(s.putObject("inputs")::put);
          e.outputs().forEach(s.putObject("outputs")::put);
          e.counts().forEach(s.putObject("counts")::put);
        });
    try {
      SynthFiles.writeAtomically(
          dir.resolve(DataDir.MANIFEST), JSON.writeValueAsString(root) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> m = new LinkedHashMap<>();
    n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  private static Map<String, Long> longs(JsonNode n) {
    Map<String, Long> m = new LinkedHashMap<>();
    n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asLong()));
    return m;
  }
}

package ai.brandtune.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Hugging Face shard index, {@code model.safetensors.index.json}: {@code {"metadata":
 * {"total_size": N}, "weight_map": {tensor: shard file}}}. Written as transformers writes it
 * ({@code json.dumps(indent=2, sort_keys=True)} plus a newline).
 */
final class ShardIndex {

  static final String FILE_NAME = "model.safetensors.index.json";

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private ShardIndex() {}

  /** The {@code weight_map} of an index file, tensor name to shard file name, in file order. */
  static Map<String, String> readWeightMap(Path indexFile) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(indexFile));
    } catch (JsonProcessingException e) {
      throw IoErrors.inFile(indexFile, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw IoErrors.io(indexFile, "read the shard index", e);
    }
    JsonNode weightMap = root == null ? null : root.get("weight_map");
    if (weightMap == null || !weightMap.isObject()) {
      throw IoErrors.inFile(
          indexFile, "expected a JSON object with a \"weight_map\" object of tensor -> shard file");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : weightMap.properties()) {
      if (!e.getValue().isTextual() || e.getValue().textValue().isEmpty()) {
        throw IoErrors.inTensor(
            indexFile, e.getKey(), "weight_map must name a shard file, found " + e.getValue());
      }
      map.put(e.getKey(), e.getValue().textValue());
    }
    return Collections.unmodifiableMap(map);
  }

  /** Writes an index file atomically, keys sorted as Python's {@code sort_keys} sorts them. */
  static void write(Path indexFile, long totalSize, Map<String, String> weightMap) {
    Map<String, String> sorted = new TreeMap<>(JsonText.CODE_POINT_ORDER);
    sorted.putAll(weightMap);
    StringBuilder json = new StringBuilder();
    json.append("{\n  \"metadata\": {\n    \"total_size\": ").append(totalSize).append("\n  },\n");
    json.append("  \"weight_map\": {");
    String sep = "\n";
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      json.append(sep).append("    ").append(JsonText.python(e.getKey()));
      json.append(": ").append(JsonText.python(e.getValue()));
      sep = ",\n";
    }
    json.append(sorted.isEmpty() ? "}\n}\n" : "\n  }\n}\n");
    byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(
        indexFile,
        channel -> {
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        });
  }
}

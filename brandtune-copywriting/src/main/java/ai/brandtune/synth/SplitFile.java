package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code split.json}: the product split the {@code split} stage chose, read by {@code export},
 * {@code validate} and {@code stats}.
 *
 * <pre>
 * {"seed": 42, "val_ratio": 0.1, "train_products": ["P001", ...], "val_products": ["P007", ...]}
 * </pre>
 */
public final class SplitFile {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SplitFile() {}

  public static void write(Path file, ProductSplit split) {
    ObjectNode n = JSON.createObjectNode();
    n.put("seed", split.seed());
    n.put("val_ratio", split.valRatio());
    split.trainProducts().forEach(n.putArray("train_products")::add);
    split.valProducts().forEach(n.putArray("val_products")::add);
    try {
      SynthFiles.writeAtomically(file, JSON.writeValueAsString(n) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The split in {@code file}; user errors name the file and the key. */
  public static ProductSplit read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BrandtuneException(
          file + ": no such file; run `brandtune data split` (or `data build`) first");
    }
    JsonNode n;
    try {
      n = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new BrandtuneException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new BrandtuneException(file + ": expected a JSON object");
    }
    JsonNode seed = n.get("seed");
    JsonNode ratio = n.get("val_ratio");
    if (seed == null || !seed.canConvertToLong() || !seed.isIntegralNumber()) {
      throw new BrandtuneException(file + ": seed: expected an integer");
    }
    if (ratio == null || !ratio.isNumber()) {
      throw new BrandtuneException(file + ": val_ratio: expected a number");
    }
    List<String> train = ids(file, n, "train_products");
    List<String> val = ids(file, n, "val_products");
    try {
      return new ProductSplit(seed.asLong(), ratio.asDouble(), train, val);
    } catch (BrandtuneException e) {
      throw new BrandtuneException(file + ": " + e.getMessage(), e);
    }
  }

  private static List<String> ids(Path file, JsonNode n, String key) {
    JsonNode a = n.get(key);
    if (a == null || !a.isArray()) {
      throw new BrandtuneException(file + ": " + key + ": expected a list of product ids");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode id : a) {
      if (!id.isTextual() || id.asText().isBlank()) {
        throw new BrandtuneException(file + ": " + key + ": expected product ids (strings)");
      }
      out.add(id.asText());
    }
    return out;
  }
}

package ai.brandtune.io;

import ai.brandtune.tensor.DType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the JSON header of a safetensors file into validated {@link TensorEntry} values and the
 * {@code __metadata__} map. Checks each tensor on its own (dtype, shape, offsets, byte count, range
 * inside the data section); {@link SafetensorsHeader} checks how the tensors cover the data.
 */
final class HeaderParser {

  static final String METADATA_KEY = "__metadata__";

  // Strict on what the reference reader also rejects or leaves undefined: duplicate keys and
  // anything after the top-level object (other than the space padding).
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** What a header holds: the tensors in header order and the string metadata. */
  record Parsed(List<TensorEntry> entries, Map<String, String> metadata) {}

  private HeaderParser() {}

  static Parsed parse(Path file, byte[] header, long dataLength) {
    JsonNode root = readJson(file, header);
    if (root == null || !root.isObject()) {
      throw IoErrors.inFile(
          file,
          "the safetensors header is not a JSON object (found "
              + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase())
              + ")");
    }
    List<TensorEntry> entries = new ArrayList<>();
    Map<String, String> metadata = Map.of();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (field.getKey().equals(METADATA_KEY)) {
        metadata = parseMetadata(file, field.getValue());
      } else {
        entries.add(parseEntry(file, field.getKey(), field.getValue(), dataLength));
      }
    }
    return new Parsed(List.copyOf(entries), metadata);
  }

  private static JsonNode readJson(Path file, byte[] header) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(header))
              .toString();
    } catch (CharacterCodingException e) {
      throw IoErrors.inFile(file, "the safetensors header is not valid UTF-8");
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw IoErrors.inFile(
          file, "the safetensors header is not valid JSON" + where + ": " + e.getOriginalMessage());
    }
  }

  private static Map<String, String> parseMetadata(Path file, JsonNode node) {
    if (node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw IoErrors.inFile(file, METADATA_KEY + " must be a JSON object of strings");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!field.getValue().isTextual()) {
        throw IoErrors.inFile(
            file,
            METADATA_KEY
                + " must map strings to strings, but '"
                + field.getKey()
                + "' holds "
                + field.getValue());
      }
      metadata.put(field.getKey(), field.getValue().textValue());
    }
    return Collections.unmodifiableMap(metadata);
  }

  private static TensorEntry parseEntry(Path file, String name, JsonNode node, long dataLength) {
    if (!node.isObject()) {
      throw IoErrors.inTensor(
          file, name, "expected an object with dtype, shape and data_offsets, found " + node);
    }
    DType dtype = parseDtype(file, name, node.get("dtype"));
    long[] shape = parseLongs(file, name, "shape", node.get("shape"));
    long[] offsets = parseLongs(file, name, "data_offsets", node.get("data_offsets"));
    if (offsets.length != 2) {
      throw IoErrors.inTensor(
          file, name, "data_offsets must be [begin, end], found " + node.get("data_offsets"));
    }
    long begin = offsets[0];
    long end = offsets[1];
    if (begin > end) {
      throw IoErrors.inTensor(
          file, name, "data_offsets [" + begin + ", " + end + "] end before they begin");
    }
    long expected = byteCount(file, name, dtype, shape);
    if (end - begin != expected) {
      throw IoErrors.inTensor(
          file,
          name,
          "data_offsets ["
              + begin
              + ", "
              + end
              + "] hold "
              + (end - begin)
              + " bytes, but shape "
              + Arrays.toString(shape)
              + " of "
              + dtype
              + " needs "
              + expected
              + " bytes");
    }
    if (end > dataLength) {
      throw IoErrors.inTensor(
          file,
          name,
          "data_offsets ["
              + begin
              + ", "
              + end
              + "] go beyond the end of the file (its data section is "
              + dataLength
              + " bytes); the file may be truncated");
    }
    return new TensorEntry(name, dtype, shape, begin, end);
  }

  private static DType parseDtype(Path file, String name, JsonNode node) {
    if (node == null || !node.isTextual()) {
      throw IoErrors.inTensor(file, name, "dtype must be a string, found " + node);
    }
    return DType.fromSafetensorsName(node.textValue())
        .orElseThrow(
            () ->
                IoErrors.inTensor(
                    file,
                    name,
                    "unknown dtype '"
                        + node.textValue()
                        + "' (supported: "
                        + Arrays.toString(DType.values())
                        + ")"));
  }

  private static long[] parseLongs(Path file, String name, String field, JsonNode node) {
    if (node == null || !node.isArray()) {
      throw IoErrors.inTensor(
          file, name, field + " must be a list of non-negative integers, found " + node);
    }
    long[] values = new long[node.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode v = node.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
        throw IoErrors.inTensor(
            file, name, field + " must be a list of non-negative integers, found " + node);
      }
      values[i] = v.longValue();
    }
    return values;
  }

  private static long byteCount(Path file, String name, DType dtype, long[] shape) {
    try {
      long n = dtype.byteSize();
      for (long d : shape) {
        n = Math.multiplyExact(n, d);
      }
      return n;
    } catch (ArithmeticException e) {
      throw IoErrors.inTensor(
          file, name, "shape " + Arrays.toString(shape) + " is too large to address");
    }
  }
}

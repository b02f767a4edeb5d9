package ai.brandtune.data;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSONL file one object per line into records through a parser, reporting each bad line
 * (malformed JSON, not an object, or rejected by the parser) as {@code file:line: reason} to a
 * {@link BadRecords}. Blank lines are ignored; line numbers count them, so they match an editor's.
 */
final class JsonlReader {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Turns one JSON object into a record, or throws {@link InvalidRecordException}. */
  @FunctionalInterface
  interface RecordParser<T> {
    T parse(JsonNode record, String location);
  }

  private JsonlReader() {}

  static <T> List<T> read(Path file, BadRecords bad, RecordParser<T> parser) {
    if (!Files.isRegularFile(file)) {
      throw new BrandtuneException(file + ": no such dataset file");
    }
    List<T> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1); // a byte-order mark some editors write
        }
        if (line.isBlank()) {
          continue;
        }
        String location = file + ":" + number;
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          bad.report(
              BadRecordReason.MALFORMED_JSON,
              location,
              "malformed JSON: " + e.getOriginalMessage());
          continue;
        }
        if (!node.isObject()) {
          bad.report(
              BadRecordReason.WRONG_TYPE,
              location,
              "expected a JSON object per line, got " + describe(node));
          continue;
        }
        try {
          out.add(parser.parse(node, location));
        } catch (InvalidRecordException e) {
          bad.report(e.reason(), location, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new BrandtuneException(file + ": cannot read: " + e.getMessage(), e);
    }
    return out;
  }

  /** A short name of a JSON value's type for messages: "a string", "an array", ... */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isArray()) {
      return "an array";
    }
    return "an object";
  }
}

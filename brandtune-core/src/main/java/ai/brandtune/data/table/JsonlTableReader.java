package ai.brandtune.data.table;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordReason;
import ai.brandtune.data.BadRecords;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One JSON object per line. Strings stay strings, numbers become Long or Double, other values
 * (arrays, objects, booleans) their plain Java form. Blank lines are skipped but counted, so
 * locations match an editor's line numbers.
 */
final class JsonlTableReader implements TableReader {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Path file;
  private final Set<String> wanted;
  private final BadRecords broken;
  private final BufferedReader text;
  private long line;
  private long number;
  private TableRow next;
  private boolean done;

  JsonlTableReader(Path file, Collection<String> columns, BadRecords broken) {
    this.file = file;
    this.wanted = Set.copyOf(columns);
    this.broken = broken;
    this.text = TextFiles.open(file);
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public List<String> columns() {
    return List.of();
  }

  @Override
  public OptionalLong rowCount() {
    return OptionalLong.empty();
  }

  // Rows are read on demand, never ahead, so a broken row is reported only after every row
  // before it has been handed out and dealt with.
  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      advance();
      done = next == null;
    }
    return next != null;
  }

  @Override
  public TableRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    TableRow row = next;
    next = null;
    return row;
  }

  private void advance() {
    next = null;
    String raw;
    try {
      while ((raw = text.readLine()) != null) {
        line++;
        if (line == 1) {
          raw = TextFiles.stripBom(raw);
        }
        if (raw.isBlank()) {
          continue;
        }
        number++;
        String location = file + ":" + line + " (row " + number + ")";
        JsonNode node;
        try {
          node = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
          broken.report(
              BadRecordReason.MALFORMED_JSON,
              location,
              "malformed JSON: " + e.getOriginalMessage());
          continue;
        }
        if (!node.isObject()) {
          broken.report(BadRecordReason.WRONG_TYPE, location, "expected a JSON object per line");
          continue;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        node.fields()
            .forEachRemaining(
                f -> {
                  if (wanted.contains(f.getKey())) {
                    values.put(f.getKey(), value(f.getValue()));
                  }
                });
        next = new TableRow(number, location, values);
        return;
      }
    } catch (IOException e) {
      throw new BrandtuneException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static Object value(JsonNode node) {
    if (node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    return JSON.convertValue(node, Object.class);
  }

  @Override
  public void close() {
    try {
      text.close();
    } catch (IOException e) {
      // nothing left to read; a failed close loses nothing
    }
  }
}

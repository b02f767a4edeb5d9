package ai.brandtune.data.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes Parquet test fixtures with parquet-java (the library the readers use), so no binary file
 * is committed: flat optional columns, typed by the first non-null value (String as STRING,
 * Long/Integer as INT64, Double as DOUBLE), snappy-compressed like the files datasets ship.
 */
public final class ParquetFixtures {
  private ParquetFixtures() {}

  /** The rows of a JSONL file, as plain Jackson reads them, in order. */
  public static List<Map<String, Object>> jsonlRows(Path jsonl) {
    ObjectMapper json = new ObjectMapper();
    List<Map<String, Object>> rows = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(jsonl)) {
        if (!line.isBlank()) {
          @SuppressWarnings("unchecked")
          Map<String, Object> row = json.readValue(line, LinkedHashMap.class);
          rows.add(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Writes {@code rows} (column name to value, null for a null cell) to a Parquet file. */
  public static Path write(Path file, List<Map<String, Object>> rows) {
    Map<String, PrimitiveTypeName> types = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      row.forEach(
          (name, value) -> {
            if (value != null && !types.containsKey(name)) {
              types.put(name, typeOf(value));
            } else if (value == null) {
              types.putIfAbsent(name, null);
            }
          });
    }
    Types.MessageTypeBuilder schema = Types.buildMessage();
    types.forEach(
        (name, type) -> {
          PrimitiveTypeName t = type == null ? PrimitiveTypeName.BINARY : type;
          var column = Types.primitive(t, Type.Repetition.OPTIONAL);
          if (t == PrimitiveTypeName.BINARY) {
            column.as(LogicalTypeAnnotation.stringType());
          }
          schema.addField(column.named(name));
        });
    MessageType messageType = schema.named("schema");
    try {
      Files.deleteIfExists(file);
      try (ParquetWriter<Group> writer =
          ExampleParquetWriter.builder(new LocalOutputFile(file))
              .withConf(new PlainParquetConfiguration())
              .withType(messageType)
              .withCompressionCodec(CompressionCodecName.SNAPPY)
              .build()) {
        SimpleGroupFactory groups = new SimpleGroupFactory(messageType);
        for (Map<String, Object> row : rows) {
          Group group = groups.newGroup();
          row.forEach((name, value) -> append(group, name, value));
          writer.write(group);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static PrimitiveTypeName typeOf(Object value) {
    if (value instanceof String) {
      return PrimitiveTypeName.BINARY;
    }
    if (value instanceof Long || value instanceof Integer) {
      return PrimitiveTypeName.INT64;
    }
    if (value instanceof Double) {
      return PrimitiveTypeName.DOUBLE;
    }
    throw new IllegalArgumentException("no Parquet type for " + value.getClass());
  }

  private static void append(Group group, String name, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof String s) {
      group.append(name, s);
    } else if (value instanceof Number n && !(value instanceof Double)) {
      group.append(name, n.longValue());
    } else if (value instanceof Double d) {
      group.append(name, d);
    }
  }
}

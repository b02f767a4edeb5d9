package ai.brandtune.data.table;

import ai.brandtune.BrandtuneException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet through parquet-java, one row group in memory at a time and only the requested columns
 * read from disk. Top-level primitive columns become Java values: strings (BYTE_ARRAY), Long or
 * Integer, Double or Float, Boolean; a null cell is null. Nested columns cannot be requested.
 */
final class ParquetTableReader implements TableReader {
  private final Path file;
  private final ParquetFileReader reader;
  private final MessageType fileSchema;
  private final MessageType projection;
  private final List<String> columns = new ArrayList<>();
  private RecordReader<Group> records;
  private long leftInGroup;
  private long number;

  ParquetTableReader(Path file, Collection<String> wanted) {
    if (!Files.isRegularFile(file)) {
      throw new BrandtuneException(file + ": no such data file");
    }
    this.file = file;
    try {
      reader =
          ParquetFileReader.open(
              new LocalInputFile(file),
              ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
    } catch (IOException | RuntimeException e) {
      throw new BrandtuneException(file + ": not a readable Parquet file: " + e.getMessage(), e);
    }
    fileSchema = reader.getFooter().getFileMetaData().getSchema();
    List<Type> read = new ArrayList<>();
    for (Type field : fileSchema.getFields()) {
      columns.add(field.getName());
      if (wanted.contains(field.getName())) {
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
          close();
          throw new BrandtuneException(
              file
                  + ": column \""
                  + field.getName()
                  + "\" is nested ("
                  + field
                  + "); expected a plain value such as a string or a number");
        }
        read.add(field);
      }
    }
    projection = new MessageType(fileSchema.getName(), read);
    reader.setRequestedSchema(projection);
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public List<String> columns() {
    return List.copyOf(columns);
  }

  @Override
  public OptionalLong rowCount() {
    return OptionalLong.of(reader.getRecordCount());
  }

  @Override
  public boolean hasNext() {
    while (leftInGroup == 0) {
      PageReadStore group;
      try {
        group = reader.readNextRowGroup();
      } catch (IOException | RuntimeException e) {
        throw new BrandtuneException(
            file + ": cannot read the row group after row " + number + ": " + e.getMessage(), e);
      }
      if (group == null) {
        return false;
      }
      leftInGroup = group.getRowCount();
      records =
          new ColumnIOFactory()
              .getColumnIO(projection, fileSchema)
              .getRecordReader(group, new GroupRecordConverter(projection));
    }
    return true;
  }

  @Override
  public TableRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Group group;
    number++;
    try {
      group = records.read();
    } catch (RuntimeException e) {
      throw new BrandtuneException(
          file + " (row " + number + "): cannot decode the row: " + e.getMessage(), e);
    }
    leftInGroup--;
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < projection.getFieldCount(); i++) {
      Type field = projection.getType(i);
      values.put(
          field.getName(),
          group.getFieldRepetitionCount(i) == 0 ? null : value(group, i, field.asPrimitiveType()));
    }
    return new TableRow(number, file + " (row " + number + ")", values);
  }

  private Object value(Group group, int i, PrimitiveType type) {
    return switch (type.getPrimitiveTypeName()) {
      // text columns, annotated STRING by pyarrow or not annotated by older writers
      case BINARY, FIXED_LEN_BYTE_ARRAY -> group.getBinary(i, 0).toStringUsingUTF8();
      case INT64 -> group.getLong(i, 0);
      case INT32 -> group.getInteger(i, 0);
      case DOUBLE -> group.getDouble(i, 0);
      case FLOAT -> group.getFloat(i, 0);
      case BOOLEAN -> group.getBoolean(i, 0);
      case INT96 ->
          throw new BrandtuneException(
              file
                  + ": column \""
                  + type.getName()
                  + "\" is an INT96 timestamp; expected text or a"
                  + " number");
    };
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      // nothing left to read; a failed close loses nothing
    }
  }
}

package ai.brandtune.synth;

import ai.brandtune.text.ChatMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
 * verl's RL dataset as Parquet, with the columns verl's own preprocessing scripts ({@code
 * examples/data_preprocess/gsm8k.py}) write and its {@code RLHFDataset} reads: {@code data_source}
 * (selects the reward function), {@code prompt} (the chat messages, a list of {@code {role,
 * content}} structs), {@code ability}, {@code reward_model {style, ground_truth}} and {@code
 * extra_info {split, index, product_id, content_type}}. Columns are nullable and lists use the
 * standard three-level layout ({@code list}/{@code element}), as pyarrow writes them, so pandas,
 * pyarrow and Hugging Face datasets read {@code prompt} back as a list of dicts. Written with
 * Apache parquet-java, snappy-compressed; the bytes depend only on the rows, so reruns are
 * identical.
 */
public final class VerlParquet {

  /** The file schema. */
  public static final MessageType SCHEMA =
      Types.buildMessage()
          .addField(text("data_source"))
          .addField(
              Types.optionalGroup()
                  .as(LogicalTypeAnnotation.listType())
                  .addField(
                      Types.repeatedGroup()
                          .addField(
                              Types.optionalGroup()
                                  .addField(text("role"))
                                  .addField(text("content"))
                                  .named("element"))
                          .named("list"))
                  .named("prompt"))
          .addField(text("ability"))
          .addField(
              Types.optionalGroup()
                  .addField(text("style"))
                  .addField(text("ground_truth"))
                  .named("reward_model"))
          .addField(
              Types.optionalGroup()
                  .addField(text("split"))
                  .addField(Types.optional(PrimitiveTypeName.INT64).named("index"))
                  .addField(text("product_id"))
                  .addField(text("content_type"))
                  .named("extra_info"))
          .named("schema");

  /**
   * One row.
   *
   * @param groundTruth the reference copy for the prompt (what a rule-based reward may compare to)
   * @param split {@code train} or {@code val}
   * @param index the row's position in its file, from 0
   */
  public record Row(
      String dataSource,
      List<ChatMessage> prompt,
      String ability,
      String rewardStyle,
      String groundTruth,
      String split,
      long index,
      String productId,
      String contentType) {
    public Row {
      prompt = List.copyOf(prompt);
    }
  }

  private VerlParquet() {}

  /** Writes {@code rows} to {@code file} (replaced atomically). */
  public static void write(Path file, List<Row> rows) {
    AtomicWrite.to(file, tmp -> writeTo(tmp, rows));
  }

  private static void writeTo(Path tmp, List<Row> rows) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(tmp))
            .withConf(new PlainParquetConfiguration())
            .withType(SCHEMA)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
      for (Row r : rows) {
        Group g = groups.newGroup();
        g.append("data_source", r.dataSource());
        Group prompt = g.addGroup("prompt");
        for (ChatMessage m : r.prompt()) {
          Group element = prompt.addGroup("list").addGroup("element");
          element.append("role", m.role());
          element.append("content", m.content());
        }
        g.append("ability", r.ability());
        Group reward = g.addGroup("reward_model");
        reward.append("style", r.rewardStyle());
        reward.append("ground_truth", r.groundTruth());
        Group extra = g.addGroup("extra_info");
        extra.append("split", r.split());
        extra.append("index", r.index());
        extra.append("product_id", r.productId());
        extra.append("content_type", r.contentType());
        writer.write(g);
      }
    }
  }

  private static Type text(String name) {
    return Types.optional(PrimitiveTypeName.BINARY)
        .as(LogicalTypeAnnotation.stringType())
        .named(name);
  }
}

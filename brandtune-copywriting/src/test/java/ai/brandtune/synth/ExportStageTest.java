package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.data.ChatExample;
import ai.brandtune.data.PreferenceDataset;
import ai.brandtune.data.SftDataset;
import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportStageTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** verl's GSM8K preprocessing columns, as pyarrow writes them, with brandtune's extra_info. */
  static final MessageType VERL_SCHEMA =
      MessageTypeParser.parseMessageType(
          """
          message schema {
            optional binary data_source (STRING);
            optional group prompt (LIST) {
              repeated group list {
                optional group element {
                  optional binary role (STRING);
                  optional binary content (STRING);
                }
              }
            }
            optional binary ability (STRING);
            optional group reward_model {
              optional binary style (STRING);
              optional binary ground_truth (STRING);
            }
            optional group extra_info {
              optional binary split (STRING);
              optional int64 index;
              optional binary product_id (STRING);
              optional binary content_type (STRING);
            }
          }
          """);

  @TempDir static Path tmp;
  static Path dir;
  static Path export;
  static ProductSplit split;

  @BeforeAll
  static void export() {
    dir = DataFixture.exported(tmp.resolve("run"));
    export = dir.resolve("export");
    split = SplitFile.read(dir.resolve("split.json"));
  }

  @Test
  void verlParquetReadsBackWithVerlsSchemaAndOneRowPerPrompt() throws IOException {
    for (String side : List.of("train", "val")) {
      List<CopyRecord> copies = SynthFiles.readCopies(dir.resolve(side + "/cleaned.jsonl"));
      Path file = export.resolve("verl_" + side + ".parquet");

      MessageType schema;
      List<Group> rows;
      try (ParquetFileReader reader = open(file)) {
        schema = reader.getFooter().getFileMetaData().getSchema();
        rows = readAll(reader, schema);
        assertThat(reader.getRecordCount()).isEqualTo(copies.size());
      }

      assertThat(schema).isEqualTo(VERL_SCHEMA);
      // the fixture has one copy per product and type, so one prompt per copy
      assertThat(rows).hasSize(copies.size()).isNotEmpty();
      for (int i = 0; i < rows.size(); i++) {
        Group row = rows.get(i);
        CopyRecord copy = copies.get(i);
        assertThat(row.getString("data_source", 0)).isEqualTo("brandtune/copywriting");
        assertThat(row.getString("ability", 0)).isEqualTo("copywriting");
        Group prompt = row.getGroup("prompt", 0);
        List<ChatMessage> messages = new ArrayList<>();
        for (int m = 0; m < prompt.getFieldRepetitionCount("list"); m++) {
          Group element = prompt.getGroup("list", m).getGroup("element", 0);
          messages.add(
              new ChatMessage(element.getString("role", 0), element.getString("content", 0)));
        }
        assertThat(messages).isEqualTo(copy.prompt());
        Group reward = row.getGroup("reward_model", 0);
        assertThat(reward.getString("style", 0)).isEqualTo("rule");
        assertThat(reward.getString("ground_truth", 0)).isEqualTo(copy.completion());
        Group extra = row.getGroup("extra_info", 0);
        assertThat(extra.getString("split", 0)).isEqualTo(side);
        assertThat(extra.getLong("index", 0)).isEqualTo(i);
        assertThat(extra.getString("product_id", 0)).isEqualTo(copy.productId());
        assertThat(extra.getString("content_type", 0)).isEqualTo(copy.contentType());
      }
    }
  }

  @Test
  void sftFilesAreMessagesThatBrandtunesOwnReaderLoads() throws IOException {
    for (String side : List.of("train", "val")) {
      List<CopyRecord> copies = SynthFiles.readCopies(dir.resolve(side + "/cleaned.jsonl"));
      Path file = export.resolve("sft_" + side + ".jsonl");

      SftDataset data = SftDataset.read(file, BadRecordPolicy.ERROR);

      assertThat(data.size()).isEqualTo(copies.size());
      ChatExample first = data.examples().get(0);
      List<ChatMessage> expected = new ArrayList<>(copies.get(0).prompt());
      expected.add(ChatMessage.assistant(copies.get(0).completion()));
      assertThat(first.messages()).isEqualTo(expected);
      for (JsonNode row : rows(file)) {
        assertThat(fieldNames(row)).containsExactly("messages", "meta");
        assertThat(fieldNames(row.get("meta")))
            .containsExactly("product_id", "content_type", "source", "teacher", "prompt_version");
        assertThat(split.sideOf(row.get("meta").get("product_id").asText())).isEqualTo(side);
      }
    }
  }

  @Test
  void preferenceFilesKeepEveryRejectedWithItsTypeInOneShapePerFile() throws IOException {
    for (String side : List.of("train", "val")) {
      List<PreferenceRecord> source =
          SynthFiles.readPreferences(dir.resolve(side + "/preferences.jsonl"));
      Path file = export.resolve("pref_" + side + ".jsonl");

      PreferenceDataset data = PreferenceDataset.read(file, BadRecordPolicy.ERROR);

      assertThat(data.size()).isEqualTo(source.size());
      assertThat(data.pairs()).isEqualTo(source.stream().mapToInt(p -> p.rejected().size()).sum());
      for (int i = 0; i < source.size(); i++) {
        assertThat(data.examples().get(i).rejected()).isEqualTo(source.get(i).rejected());
        assertThat(data.examples().get(i).rejectedTypes()).isEqualTo(source.get(i).rejectedTypes());
        assertThat(data.examples().get(i).prompt()).isEqualTo(source.get(i).prompt());
      }
      // the fixture mixes one and two rejected, so every row takes the list form
      for (JsonNode row : rows(file)) {
        assertThat(fieldNames(row))
            .containsExactly("prompt", "chosen", "rejected", "rejected_types", "meta");
        assertThat(row.get("rejected").isArray()).isTrue();
        assertThat(row.get("meta").get("fabricated_facts").size())
            .isEqualTo(row.get("rejected").size());
      }
    }
  }

  @Test
  void singleRejectedRecordsAreExportedAsStrings() throws IOException {
    Path run = tmp.resolve("single");
    SynthFiles.writeCopies(run.resolve("cleaned.jsonl"), DataFixture.COPIES);
    List<PreferenceRecord> single =
        DataFixture.PREFERENCES.stream()
            .map(
                p ->
                    new PreferenceRecord(
                        p.prompt(),
                        p.chosen(),
                        p.rejected().subList(0, 1),
                        p.rejectedTypes().subList(0, 1),
                        p.meta()))
            .toList();
    SynthFiles.writePreferences(run.resolve("preferences.jsonl"), single);
    new SplitStage(0.1, 42).run(run);
    new ExportStage(ExportOptions.DEFAULT).run(run);

    JsonNode row = rows(run.resolve("export/pref_train.jsonl")).get(0);
    assertThat(fieldNames(row))
        .containsExactly("prompt", "chosen", "rejected", "rejected_type", "meta");
    assertThat(row.get("rejected").isTextual()).isTrue();
    assertThat(row.get("rejected_type").asText()).isIn("weak", "exaggerated", "fabricated");
  }

  @Test
  void grpoFilesHoldOnePromptPerProductAndTypeWithBothInMeta() throws IOException {
    for (String side : List.of("train", "val")) {
      List<CopyRecord> copies = SynthFiles.readCopies(dir.resolve(side + "/cleaned.jsonl"));
      List<JsonNode> rows = rows(export.resolve("grpo_" + side + ".jsonl"));

      assertThat(rows).hasSize(copies.size());
      for (int i = 0; i < rows.size(); i++) {
        JsonNode row = rows.get(i);
        assertThat(fieldNames(row)).containsExactly("prompt", "meta");
        assertThat(fieldNames(row.get("meta"))).containsExactly("product_id", "content_type");
        assertThat(row.get("meta").get("product_id").asText()).isEqualTo(copies.get(i).productId());
        assertThat(row.get("prompt").get(1).get("content").asText())
            .isEqualTo(copies.get(i).prompt().get(1).content());
      }
    }
  }

  @Test
  void duplicateCopiesGiveOneGrpoPrompt() throws IOException {
    Path run = tmp.resolve("dup");
    List<CopyRecord> twice = new ArrayList<>(DataFixture.COPIES);
    twice.addAll(DataFixture.COPIES);
    SynthFiles.writeCopies(run.resolve("cleaned.jsonl"), twice);
    new SplitStage(0.1, 42).run(run);
    new ExportStage(ExportOptions.DEFAULT).run(run);

    assertThat(rows(run.resolve("export/sft_train.jsonl")))
        .hasSize(2 * rows(run.resolve("export/grpo_train.jsonl")).size());
    try (ParquetFileReader reader = open(run.resolve("export/verl_train.parquet"))) {
      assertThat(reader.getRecordCount())
          .isEqualTo(rows(run.resolve("export/grpo_train.jsonl")).size());
    }
  }

  @Test
  void datasetInfoRegistersExistingFilesThatLlamaFactoryAccepts() throws IOException {
    JsonNode info = JSON.readTree(export.resolve("dataset_info.json").toFile());

    assertThat(fieldNames(info))
        .containsExactly(
            "brandtune_sft_train",
            "brandtune_pref_train",
            "brandtune_sft_val",
            "brandtune_pref_val");
    assertThat(info.get("brandtune_sft_train").get("file_name").asText())
        .isEqualTo("sft_train.jsonl");
    assertThat(info.get("brandtune_pref_train").get("file_name").asText())
        .isEqualTo("lf_pref_train.jsonl");
    assertThat(info.get("brandtune_pref_train").get("ranking").asBoolean()).isTrue();
    int pairs = 0;
    for (Map.Entry<String, JsonNode> e : info.properties()) {
      JsonNode d = e.getValue();
      Path file = export.resolve(d.get("file_name").asText());
      assertThat(file).as(e.getKey()).isRegularFile();
      assertThat(d.get("formatting").asText()).isEqualTo("sharegpt");
      List<JsonNode> rows = rows(file);
      assertThat(rows).as(e.getKey()).isNotEmpty();
      for (JsonNode row : rows) {
        for (JsonNode column : iterable(d.get("columns"))) {
          assertThat(row.has(column.asText())).as(e.getKey() + " " + column).isTrue();
        }
        assertThat(llamaFactoryAccepts(row, d)).as(e.getKey() + ": " + row).isTrue();
      }
      if (d.path("ranking").asBoolean(false)) {
        pairs += rows.size();
      }
    }
    assertThat(pairs)
        .isEqualTo(DataFixture.PREFERENCES.stream().mapToInt(p -> p.rejected().size()).sum());
  }

  @Test
  void reexportingGivesIdenticalBytes() throws IOException {
    Map<String, byte[]> before = snapshot(export);

    new ExportStage(ExportOptions.DEFAULT).run(dir);

    Map<String, byte[]> after = snapshot(export);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    assertThat(before.keySet())
        .contains("verl_train.parquet", "verl_val.parquet", "dataset_info.json");
  }

  @Test
  void optionsNameTheDatasetsAndVerlColumns() throws IOException {
    Path run = tmp.resolve("options");
    DataFixture.write(run);
    new SplitStage(0.1, 42).run(run);
    new ExportStage(new ExportOptions("yuansu", "brand/yuansu", "brand_copy", "model")).run(run);

    assertThat(fieldNames(JSON.readTree(run.resolve("export/dataset_info.json").toFile())))
        .contains("yuansu_sft_train", "yuansu_pref_val");
    try (ParquetFileReader reader = open(run.resolve("export/verl_val.parquet"))) {
      Group row = readAll(reader, reader.getFooter().getFileMetaData().getSchema()).get(0);
      assertThat(row.getString("data_source", 0)).isEqualTo("brand/yuansu");
      assertThat(row.getString("ability", 0)).isEqualTo("brand_copy");
      assertThat(row.getGroup("reward_model", 0).getString("style", 0)).isEqualTo("model");
    }
    assertThatThrownBy(() -> new ExportOptions(null, null, null, "rules"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("export.verl_reward_style");
  }

  @Test
  void sideFilesThatDisagreeWithSplitJsonAreRefused() throws IOException {
    Path run = tmp.resolve("tampered");
    DataFixture.write(run);
    new SplitStage(0.1, 42).run(run);
    Path val = run.resolve("val/cleaned.jsonl");
    String trainLine = Files.readAllLines(run.resolve("train/cleaned.jsonl")).get(0);
    Files.writeString(val, trainLine + "\n", java.nio.file.StandardOpenOption.APPEND);
    int line = Files.readAllLines(val).size();

    assertThatThrownBy(() -> new ExportStage(ExportOptions.DEFAULT).run(run))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageStartingWith(val + ":" + line + ": product ")
        .hasMessageContaining("split.json puts it in train");
  }

  /**
   * LLaMA-Factory's SharegptDatasetConverter acceptance rules: a leading system message is taken
   * out, the rest alternate user (even positions) and assistant (odd); an SFT conversation has an
   * even number of turns, a ranking prompt an odd number, and chosen and rejected are single
   * assistant messages.
   */
  static boolean llamaFactoryAccepts(JsonNode row, JsonNode entry) {
    JsonNode tags = entry.get("tags");
    String role = tags.get("role_tag").asText();
    String content = tags.get("content_tag").asText();
    String user = tags.get("user_tag").asText();
    String assistant = tags.get("assistant_tag").asText();
    String system = tags.get("system_tag").asText();
    List<JsonNode> messages = new ArrayList<>();
    row.get(entry.get("columns").get("messages").asText()).forEach(messages::add);
    if (!messages.isEmpty() && messages.get(0).get(role).asText().equals(system)) {
      messages.remove(0);
    }
    for (int i = 0; i < messages.size(); i++) {
      String expected = i % 2 == 0 ? user : assistant;
      if (!messages.get(i).get(role).asText().equals(expected)
          || !messages.get(i).get(content).isTextual()) {
        return false;
      }
    }
    boolean ranking = entry.path("ranking").asBoolean(false);
    if (messages.size() % 2 != (ranking ? 1 : 0)) {
      return false;
    }
    if (ranking) {
      for (String c : List.of("chosen", "rejected")) {
        JsonNode m = row.get(entry.get("columns").get(c).asText());
        if (!m.isObject()
            || !m.get(role).asText().equals(assistant)
            || m.get(content).asText().isBlank()) {
          return false;
        }
      }
    }
    return true;
  }

  static ParquetFileReader open(Path file) throws IOException {
    return ParquetFileReader.open(
        new LocalInputFile(file),
        ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
  }

  static List<Group> readAll(ParquetFileReader reader, MessageType schema) throws IOException {
    List<Group> rows = new ArrayList<>();
    PageReadStore group;
    while ((group = reader.readNextRowGroup()) != null) {
      RecordReader<Group> records =
          new ColumnIOFactory()
              .getColumnIO(schema)
              .getRecordReader(group, new GroupRecordConverter(schema));
      for (long i = 0; i < group.getRowCount(); i++) {
        rows.add(records.read());
      }
    }
    return rows;
  }

  static List<JsonNode> rows(Path jsonl) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(jsonl)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Iterable<JsonNode> iterable(JsonNode node) {
    List<JsonNode> values = new ArrayList<>();
    node.elements().forEachRemaining(values::add);
    return values;
  }

  private static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        files.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }
}

package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;

/**
 * The {@code validate} stage: checks every data file it finds in a run directory, each problem
 * reported as {@code file:line: message}. Per record: the shape of its file (as the stage files and
 * the export formats define them), products and content types that exist in the kit, well-formed
 * prompts, rejected variants that differ from the chosen copy and have a known type. Across files:
 * {@code split.json} readable with disjoint sides, every train and val record on the side {@code
 * split.json} gives its product, no product in both train and val files, {@code dataset_info.json}
 * naming existing files with the columns it declares, and the verl Parquet files with verl's schema
 * and one row per GRPO prompt.
 *
 * <p>Warnings (a prompt that is no longer the prompt builder's, a second copy for the same product
 * and type, a rejected type other than weak, exaggerated and fabricated) do not fail validation.
 */
public final class ValidateStage {
  public static final String STAGE = "validate";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REJECT_TYPES =
      Set.of(RejectType.WEAK.id(), RejectType.EXAGGERATED.id(), RejectType.FABRICATED.id());
  private static final int MAX_IN_MESSAGE = 20;

  private final RecordChecks checks;

  public ValidateStage(BrandKit kit) {
    this.checks = new RecordChecks(kit);
  }

  public ValidateStage(SynthConfig config) {
    this(config.loadKit());
  }

  /**
   * Validates {@code dir}, writes {@code validation.json} there and fails, listing the first
   * errors, when there are any.
   */
  public StageSummary run(Path dir) {
    ValidationReport report = check(dir);
    Path out = dir.resolve(DataDir.VALIDATION);
    SynthFiles.writeAtomically(out, json(report));
    StageSummary.Builder summary =
        StageSummary.builder(STAGE)
            .add("files", report.files().size())
            .add("errors", report.errors().size())
            .add("warnings", report.warnings().size())
            .output(out);
    if (!report.ok()) {
      List<DataProblem> errors = report.errors();
      throw new BrandtuneException(
          dir
              + ": "
              + errors.size()
              + " data error(s):\n  "
              + errors.stream()
                  .limit(MAX_IN_MESSAGE)
                  .map(DataProblem::toString)
                  .collect(Collectors.joining("\n  "))
              + (errors.size() > MAX_IN_MESSAGE
                  ? "\n  ... and " + (errors.size() - MAX_IN_MESSAGE) + " more in " + out
                  : ""));
    }
    return summary.build();
  }

  /** Validates every data file in {@code dir}. */
  public ValidationReport check(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BrandtuneException(dir + ": no such data directory");
    }
    Run run = new Run(dir);
    run.copies(dir.resolve(DataDir.GENERATED), null, true);
    run.copies(dir.resolve(DataDir.CLEANED), null, true);
    run.copies(dir.resolve(DataDir.CLEAN_EXCLUDED), null, false);
    run.preferences(dir.resolve(DataDir.PREFERENCES), null);
    run.split();
    for (String side : List.of(ProductSplit.TRAIN, ProductSplit.VAL)) {
      run.copies(DataDir.side(dir, side).resolve(DataDir.CLEANED), side, false);
      run.preferences(DataDir.side(dir, side).resolve(DataDir.PREFERENCES), side);
    }
    for (String side : List.of(ProductSplit.TRAIN, ProductSplit.VAL)) {
      run.sft(DataDir.export(dir, "sft", side, "jsonl"), side);
      run.preferences(DataDir.export(dir, "pref", side, "jsonl"), side);
      run.llamaFactoryPairs(DataDir.export(dir, "lf_pref", side, "jsonl"), side);
      run.grpo(DataDir.export(dir, "grpo", side, "jsonl"), side);
      run.verl(
          DataDir.export(dir, "verl", side, "parquet"), DataDir.export(dir, "grpo", side, "jsonl"));
    }
    run.datasetInfo(dir.resolve(DataDir.EXPORT).resolve(DataDir.DATASET_INFO));
    run.sidesDisjoint();
    if (run.files.isEmpty()) {
      run.problems.error(
          dir.toString(),
          "no data files here; run `brandtune data build --out " + dir + "` to make them");
    }
    return new ValidationReport(run.files, run.problems.all());
  }

  /** The state of one validation: what was read, where each product was seen, the problems. */
  private final class Run {
    final Path dir;
    final Problems problems = new Problems();
    final Map<String, Integer> files = new LinkedHashMap<>();
    final Map<String, Map<String, String>> seenBySide =
        Map.of(ProductSplit.TRAIN, new LinkedHashMap<>(), ProductSplit.VAL, new LinkedHashMap<>());
    final Map<Path, Integer> rowCounts = new HashMap<>();
    ProductSplit split;

    Run(Path dir) {
      this.dir = dir;
    }

    void copies(Path file, String side, boolean topLevel) {
      Map<String, String> firstCopy = new HashMap<>();
      lines(
          file,
          (line, where) -> {
            CopyRecord r;
            try {
              r = SynthFiles.parseCopy(line, where);
            } catch (BrandtuneException e) {
              problems.parseError(where, e.getMessage());
              return;
            }
            checks.conversation(r.prompt(), "user", "prompt", where, problems);
            if (checks.ids(r.productId(), r.contentType(), where, problems) && topLevel) {
              checks.promptMatchesKit(r.prompt(), r.productId(), r.contentType(), where, problems);
              String key = r.productId() + "/" + r.contentType();
              String first = firstCopy.putIfAbsent(key, where);
              if (first != null) {
                problems.warning(where, "a second copy for " + key + " (first at " + first + ")");
              }
            }
            onSide(side, r.productId(), where);
          });
    }

    void preferences(Path file, String side) {
      lines(
          file,
          (line, where) -> {
            PreferenceRecord r;
            try {
              r = SynthFiles.parsePreference(line, where);
            } catch (BrandtuneException e) {
              problems.parseError(where, e.getMessage());
              return;
            }
            checks.conversation(r.prompt(), "user", "prompt", where, problems);
            checks.ids(r.productId(), r.contentType(), where, problems);
            for (int i = 0; i < r.rejected().size(); i++) {
              if (r.rejected().get(i).strip().equals(r.chosen().strip())) {
                problems.error(where, "rejected[" + i + "] is the chosen copy itself");
              }
              String type = r.rejectedTypes().get(i);
              if (!REJECT_TYPES.contains(type)) {
                problems.warning(
                    where,
                    "rejected type '" + type + "' is not one of weak, exaggerated, fabricated");
              }
            }
            onSide(side, r.productId(), where);
          });
    }

    void sft(Path file, String side) {
      json(
          file,
          (record, where) -> {
            List<ChatMessage> messages =
                RecordChecks.messages(record.get("messages"), "messages", where, problems);
            if (messages != null) {
              checks.conversation(messages, "assistant", "messages", where, problems);
            }
            ids(record, side, where);
          });
    }

    void llamaFactoryPairs(Path file, String side) {
      json(
          file,
          (record, where) -> {
            List<ChatMessage> messages =
                RecordChecks.messages(record.get("messages"), "messages", where, problems);
            if (messages != null) {
              checks.conversation(messages, "user", "messages", where, problems);
            }
            for (String field : List.of("chosen", "rejected")) {
              JsonNode m = record.get(field);
              if (m == null
                  || !m.isObject()
                  || !"assistant".equals(m.path("role").asText(null))
                  || m.path("content").asText("").isBlank()) {
                problems.error(
                    where,
                    "field \""
                        + field
                        + "\" must be one {\"role\":\"assistant\",\"content\":...} message with"
                        + " text");
              }
            }
            ids(record, side, where);
          });
    }

    void grpo(Path file, String side) {
      int rows =
          json(
              file,
              (record, where) -> {
                List<ChatMessage> prompt =
                    RecordChecks.messages(record.get("prompt"), "prompt", where, problems);
                if (prompt != null) {
                  checks.conversation(prompt, "user", "prompt", where, problems);
                }
                ids(record, side, where);
              });
      rowCounts.put(file, rows);
    }

    void verl(Path file, Path grpoFile) {
      if (!Files.isRegularFile(file)) {
        return;
      }
      String where = dir.relativize(file).toString();
      try (ParquetFileReader reader =
          ParquetFileReader.open(
              new LocalInputFile(file),
              ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        long rows = reader.getRecordCount();
        files.put(where, (int) rows);
        if (!schema.equals(VerlParquet.SCHEMA)) {
          problems.error(
              file.toString(),
              "not verl's schema; expected "
                  + VerlParquet.SCHEMA.toString().replaceAll("\\s+", " ")
                  + " but found "
                  + schema.toString().replaceAll("\\s+", " "));
        }
        Integer prompts = rowCounts.get(grpoFile);
        if (prompts != null && prompts != rows) {
          problems.error(
              file.toString(),
              rows
                  + " rows but "
                  + grpoFile.getFileName()
                  + " has "
                  + prompts
                  + " prompts; run `brandtune data export` again");
        }
      } catch (IOException | RuntimeException e) {
        problems.error(file.toString(), "not a readable Parquet file: " + e.getMessage());
      }
    }

    void datasetInfo(Path file) {
      if (!Files.isRegularFile(file)) {
        return;
      }
      files.put(dir.relativize(file).toString(), 1);
      JsonNode root;
      try {
        root = JSON.readTree(file.toFile());
      } catch (IOException e) {
        problems.error(file.toString(), "not valid JSON: " + e.getMessage());
        return;
      }
      if (root == null || !root.isObject()) {
        problems.error(file.toString(), "expected a JSON object of dataset entries");
        return;
      }
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        String at = file + ": " + e.getKey();
        JsonNode d = e.getValue();
        String fileName = d.path("file_name").asText("");
        Path data = file.getParent().resolve(fileName);
        if (fileName.isBlank() || !Files.isRegularFile(data)) {
          problems.error(
              at, "file_name '" + fileName + "' does not exist next to " + file.getFileName());
          continue;
        }
        boolean ranking = d.path("ranking").asBoolean(false);
        JsonNode columns = d.path("columns");
        List<String> required =
            ranking ? List.of("messages", "chosen", "rejected") : List.of("messages");
        for (String c : required) {
          if (!columns.path(c).isTextual()) {
            problems.error(at, "columns." + c + " is missing");
          }
        }
        for (Map.Entry<String, JsonNode> column : columns.properties()) {
          String name = column.getValue().asText();
          lines(
              data,
              (line, where) -> {
                try {
                  if (!JSON.readTree(line).has(name)) {
                    problems.error(where, "no column \"" + name + "\", which " + at + " declares");
                  }
                } catch (JsonProcessingException ex) {
                  // the file's own check reports malformed lines
                }
              },
              false);
        }
      }
    }

    void split() {
      Path file = dir.resolve(DataDir.SPLIT);
      if (!Files.isRegularFile(file)) {
        return;
      }
      files.put(DataDir.SPLIT, 1);
      try {
        split = SplitFile.read(file);
      } catch (BrandtuneException e) {
        problems.error(file.toString(), e.getMessage().replace(file + ": ", ""));
        return;
      }
      for (List<String> ids : List.of(split.trainProducts(), split.valProducts())) {
        for (String p : ids) {
          if (!checks.knowsProduct(p)) {
            problems.error(file.toString(), "product " + p + " is not in the kit");
          }
        }
      }
    }

    void sidesDisjoint() {
      Map<String, String> train = seenBySide.get(ProductSplit.TRAIN);
      seenBySide
          .get(ProductSplit.VAL)
          .forEach(
              (product, where) -> {
                if (train.containsKey(product)) {
                  problems.error(
                      where,
                      "product "
                          + product
                          + " is in both train and val (a train record: "
                          + train.get(product)
                          + ")");
                }
              });
    }

    private void ids(JsonNode record, String side, String where) {
      String[] ids = RecordChecks.metaIds(record, where, problems);
      if (ids != null) {
        checks.ids(ids[0], ids[1], where, problems);
        onSide(side, ids[0], where);
      }
    }

    private void onSide(String side, String product, String where) {
      if (side == null || product == null) {
        return;
      }
      seenBySide.get(side).putIfAbsent(product, where);
      if (split != null && !side.equals(split.sideOf(product))) {
        String actual = split.sideOf(product);
        problems.error(
            where,
            "product "
                + product
                + " is in "
                + side
                + " data but split.json puts it in "
                + (actual == null ? "neither side" : actual));
      }
    }

    /** Parses every line as a JSON object and hands it on; returns the number of records. */
    private int json(Path file, JsonLine handler) {
      return lines(
          file,
          (line, where) -> {
            JsonNode node;
            try {
              node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
              problems.error(where, "not valid JSON (" + e.getOriginalMessage() + ")");
              return;
            }
            if (node == null || !node.isObject()) {
              problems.error(where, "expected one JSON object per line");
              return;
            }
            handler.handle(node, where);
          });
    }

    private int lines(Path file, TextLine handler) {
      return lines(file, handler, true);
    }

    /** Hands on every non-blank line with its {@code file:line}; returns how many there were. */
    private int lines(Path file, TextLine handler, boolean count) {
      if (!Files.isRegularFile(file)) {
        return 0;
      }
      int records = 0;
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        int n = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          n++;
          if (!line.isBlank()) {
            records++;
            handler.handle(line, file + ":" + n);
          }
        }
      } catch (IOException e) {
        problems.error(file.toString(), "cannot read: " + e.getMessage());
      }
      if (count) {
        files.put(dir.relativize(file).toString(), records);
      }
      return records;
    }
  }

  @FunctionalInterface
  private interface TextLine {
    void handle(String line, String where);
  }

  @FunctionalInterface
  private interface JsonLine {
    void handle(JsonNode record, String where);
  }

  private static String json(ValidationReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("ok", report.ok());
    root.put("errors", report.errors().size());
    root.put("warnings", report.warnings().size());
    ObjectNode files = root.putObject("files");
    report.files().forEach(files::put);
    ArrayNode problems = root.putArray("problems");
    for (DataProblem p : report.problems()) {
      ObjectNode o = problems.addObject();
      o.put("severity", p.severity().name().toLowerCase(java.util.Locale.ROOT));
      o.put("where", p.where());
      o.put("message", p.message());
    }
    try {
      return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

package ai.brandtune.data.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.data.BadRecordReason;
import ai.brandtune.data.BadRecords;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReaderTest {
  private static final List<String> SE = List.of("qid", "question", "response_j", "response_k");

  @TempDir Path dir;

  static Path fixture(String name) {
    return Path.of("src/test/resources/ai/brandtune/data/pairs", name);
  }

  private static List<TableRow> readAll(Path file, List<String> columns, BadRecords bad) {
    List<TableRow> rows = new ArrayList<>();
    try (TableReader reader = TableReader.open(file, columns, bad)) {
      reader.forEachRemaining(rows::add);
    }
    return rows;
  }

  @Test
  void csvKeepsQuotedNewlinesAndLocatesRowsByTheirFirstLine() {
    Path file = fixture("stack_exchange_paired.csv");
    List<TableRow> rows = readAll(file, SE, new BadRecords(BadRecordPolicy.ERROR));
    assertThat(rows).hasSize(8);
    TableRow multiline = rows.get(6);
    assertThat(multiline.get("qid")).isEqualTo("107");
    assertThat((String) multiline.get("question"))
        .isEqualTo("<!-- language: lang-js -->\nHow to log, \"quietly\"?");
    assertThat(multiline.location()).isEqualTo(file + ":8 (row 7)");
    // row 7 spans lines 8-13
    assertThat(rows.get(7).location()).isEqualTo(file + ":14 (row 8)");
    assertThat(rows.get(0).values()).containsOnlyKeys(SE.toArray(String[]::new));
  }

  @Test
  void csvRowWithExtraCellsIsReportedWithLineAndRowThenSkipped() {
    Path file = fixture("stack_exchange_broken.csv");
    assertThatThrownBy(() -> readAll(file, SE, new BadRecords(BadRecordPolicy.ERROR)))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageStartingWith(file + ":4 (row 2): malformed CSV row");
    BadRecords bad = new BadRecords(BadRecordPolicy.SKIP);
    List<TableRow> rows = readAll(file, SE, bad);
    assertThat(rows).extracting(r -> r.get("qid")).containsExactly("201", "203");
    assertThat(rows.get(1).location()).isEqualTo(file + ":5 (row 3)");
    assertThat(bad.count(BadRecordReason.MALFORMED_ROW)).isEqualTo(1);
  }

  @Test
  void jsonlAndGzippedJsonlGiveTheSameTypedRows() throws Exception {
    Path plain = fixture("helpsteer2_preference.jsonl");
    Path gz = dir.resolve("helpsteer2_preference.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(plain));
    }
    List<String> columns = List.of("prompt", "preference_strength");
    List<TableRow> a = readAll(plain, columns, new BadRecords(BadRecordPolicy.ERROR));
    List<TableRow> b = readAll(gz, columns, new BadRecords(BadRecordPolicy.ERROR));
    assertThat(a).hasSize(6);
    assertThat(b).extracting(TableRow::values).isEqualTo(a.stream().map(TableRow::values).toList());
    assertThat(a.get(0).get("preference_strength")).isEqualTo(-2L);
    assertThat(a.get(0).values()).containsOnlyKeys("prompt", "preference_strength");
    assertThat(a.get(5).location()).isEqualTo(plain + ":6 (row 6)");
  }

  @Test
  void jsonlBrokenLinesCountBlankLinesInTheirLineNumbers() {
    Path file = fixture("helpsteer2_broken.jsonl");
    BadRecords bad = new BadRecords(BadRecordPolicy.SKIP);
    List<TableRow> rows = readAll(file, List.of("prompt"), bad);
    // line 2 is blank; line 4 is malformed JSON (row 3)
    assertThat(rows)
        .extracting(TableRow::location)
        .containsExactly(file + ":1 (row 1)", file + ":3 (row 2)", file + ":5 (row 4)");
    assertThat(bad.firstExamples())
        .singleElement()
        .asString()
        .startsWith(file + ":4 (row 3): malformed JSON");
  }

  @Test
  void parquetReadsOnlyRequestedColumnsWithTheirTypes() {
    List<Map<String, Object>> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("qid", (long) i);
      row.put("question", i == 3 ? null : "q" + i + " 修护");
      row.put("score", i * 0.5);
      row.put("unused", "x");
      written.add(row);
    }
    Path file = ParquetFixtures.write(dir.resolve("t.parquet"), written);
    try (TableReader reader =
        TableReader.open(
            file,
            List.of("qid", "question", "score", "absent"),
            new BadRecords(BadRecordPolicy.ERROR))) {
      assertThat(reader.columns()).containsExactly("qid", "question", "score", "unused");
      assertThat(reader.rowCount()).hasValue(5);
      List<TableRow> rows = new ArrayList<>();
      reader.forEachRemaining(rows::add);
      assertThat(rows).hasSize(5);
      assertThat(rows.get(1).values())
          .containsExactly(
              Map.entry("qid", 1L), Map.entry("question", "q1 修护"), Map.entry("score", 0.5));
      assertThat(rows.get(3).has("question")).isTrue();
      assertThat(rows.get(3).get("question")).isNull();
      assertThat(rows.get(4).location()).isEqualTo(file + " (row 5)");
    }
  }

  @Test
  void unknownExtensionsAndMissingFilesAreUserErrors() {
    BadRecords bad = new BadRecords(BadRecordPolicy.ERROR);
    assertThatThrownBy(() -> TableReader.open(dir.resolve("data.txt"), SE, bad))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("use .csv, .jsonl or .parquet");
    assertThatThrownBy(() -> TableReader.open(dir.resolve("none.parquet"), SE, bad))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("no such data file");
    assertThat(TableFormat.of(Path.of("x.jsonl.gz"))).isEqualTo(TableFormat.JSONL);
    assertThat(TableFormat.of(Path.of("X.CSV"))).isEqualTo(TableFormat.CSV);
  }
}

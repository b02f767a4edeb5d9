package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code brandtune data ...} offline on the built-in kit, as a user runs it. */
class DataCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path run;
  static CliRun first;
  static Map<String, byte[]> afterFirst;

  @BeforeAll
  static void build() throws IOException {
    run = tmp.resolve("data");
    first = CliRun.of("data", "build", "--out", run.toString());
    afterFirst = snapshot(run);
  }

  @Test
  void buildMakesTrainAndValFilesWithNoProductInBoth() throws IOException {
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("generate: written=396")
        .contains("validate: files=20 errors=0")
        .contains("data build: ran 7 stage(s), skipped 0");
    assertThat(first.err()).contains("generate: running", "stats: running");
    for (String kind : List.of("sft", "pref", "grpo")) {
      Set<String> train = products(run.resolve("export/" + kind + "_train.jsonl"));
      Set<String> val = products(run.resolve("export/" + kind + "_val.jsonl"));
      assertThat(train).as(kind).isNotEmpty().doesNotContainAnyElementsOf(val);
      assertThat(val).as(kind).isNotEmpty();
    }
    assertThat(run.resolve("export/verl_train.parquet")).isRegularFile();
    assertThat(run.resolve("export/dataset_info.json")).isRegularFile();
  }

  @Test
  void aRerunSkipsEveryStageAndChangesNoByte() throws IOException {
    CliRun again = CliRun.of("data", "build", "--out", run.toString());

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("ran 0 stage(s), skipped 7");
    assertThat(again.errLines())
        .hasSize(7)
        .allSatisfy(l -> assertThat(l).endsWith(": skipped (completed before; inputs unchanged)"));
    Map<String, byte[]> now = snapshot(run);
    assertThat(now.keySet()).containsExactlyElementsOf(afterFirst.keySet());
    afterFirst.forEach((f, bytes) -> assertThat(now.get(f)).as(f).isEqualTo(bytes));
  }

  @Test
  void splitExportValidateAndStatsRunOnTheirOwn() throws IOException {
    Path dir = copy(run, tmp.resolve("own"));

    CliRun split =
        CliRun.of(
            "data",
            "split",
            "--out",
            dir.toString(),
            "--val-ratio",
            "0.25",
            "--seed",
            "3",
            "--json");
    CliRun export = CliRun.of("data", "export", "--out", dir.toString());
    CliRun validate = CliRun.of("data", "validate", "--out", dir.toString());
    CliRun stats = CliRun.of("data", "stats", "--out", dir.toString());

    assertThat(split.exitCode()).as(split.err()).isZero();
    JsonNode summary = JSON.readTree(split.out());
    assertThat(summary.get("stage").asText()).isEqualTo("split");
    assertThat(summary.get("counts").get("val_products").asInt()).isEqualTo(11); // round(44 / 4)
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out()).startsWith("export: sft_train=297");
    assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
    assertThat(validate.out())
        .contains("export/verl_val.parquet: 99")
        .endsWith("0 error(s), 0 warning(s)\n");
    assertThat(stats.exitCode()).as(stats.err()).isZero();
    assertThat(stats.outLines().get(1)).startsWith("content type").contains("pass", "fabricated");
    assertThat(stats.outLines())
        .anySatisfy(l -> assertThat(l).startsWith("paid_ad_cta").contains(" 33 ", " 11 "));
  }

  @Test
  void validateNamesTheBadLineAndFails() throws IOException {
    Path dir = copy(run, tmp.resolve("bad"));
    Path sft = dir.resolve("export/sft_val.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(sft));
    lines.set(4, lines.get(4).replaceFirst("\"product_id\":\"P0\\d\\d\"", "\"product_id\":\"X1\""));
    Files.write(sft, lines);

    CliRun validate = CliRun.of("data", "validate", "--out", dir.toString());

    assertThat(validate.exitCode()).isEqualTo(1);
    assertThat(validate.out())
        .contains("error: " + sft + ":5: meta.product_id X1 is not a product of the kit")
        .contains(
            "error: " + sft + ":5: product X1 is in val data but split.json puts it in neither");
    assertThat(validate.err()).isEqualTo("error: " + dir + ": 2 data error(s)\n");
  }

  @Test
  void aMistypedKeyIsAUsageErrorNamingIt() {
    CliRun r =
        CliRun.of("data", "split", "--out", tmp.resolve("x").toString(), "--set", "val_ration=0.2");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("unknown key 'val_ration'").contains("val_ratio");
  }

  private static Set<String> products(Path jsonl) throws IOException {
    Set<String> ids = new HashSet<>();
    for (String line : Files.readAllLines(jsonl)) {
      ids.add(JSON.readTree(line).get("meta").get("product_id").asText());
    }
    return ids;
  }

  private static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }
}

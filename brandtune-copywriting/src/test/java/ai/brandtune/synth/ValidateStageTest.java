package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateStageTest {
  static final ValidateStage VALIDATE = new ValidateStage(DataFixture.KIT);

  @TempDir Path tmp;

  @Test
  void anExportedRunHasNoProblems() {
    Path dir = DataFixture.exported(tmp.resolve("run"));

    ValidationReport report = VALIDATE.check(dir);

    assertThat(report.problems()).isEmpty();
    assertThat(report.ok()).isTrue();
    assertThat(report.files())
        .containsEntry("cleaned.jsonl", DataFixture.COPIES.size())
        .containsEntry("preferences.jsonl", DataFixture.PREFERENCES.size())
        .containsKeys(
            "split.json",
            "train/cleaned.jsonl",
            "val/preferences.jsonl",
            "export/sft_train.jsonl",
            "export/lf_pref_val.jsonl",
            "export/grpo_val.jsonl",
            "export/verl_train.parquet",
            "export/dataset_info.json");
  }

  @Test
  void malformedAndInconsistentLinesAreNamedByFileAndLine() throws IOException {
    Path dir = DataFixture.write(tmp.resolve("run"));
    Path cleaned = dir.resolve("cleaned.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(cleaned));
    lines.set(1, "{\"prompt\": [");
    lines.set(3, lines.get(3).replace("\"product_id\":\"P001\"", "\"product_id\":\"P999\""));
    lines.set(5, lines.get(5).replaceFirst("\"role\":\"user\"", "\"role\":\"assistant\""));
    lines.set(
        6, lines.get(6).replaceFirst("\"content_type\":\"[a-z_]+\"", "\"content_type\":\"tweet\""));
    lines.add(lines.get(7)); // a second copy of line 8
    Files.write(cleaned, lines);
    Path prefs = dir.resolve("preferences.jsonl");
    List<String> prefLines = new ArrayList<>(Files.readAllLines(prefs));
    PreferenceRecord p = DataFixture.PREFERENCES.get(2);
    prefLines.set(
        2,
        SynthFiles.preferenceLine(
            new PreferenceRecord(
                p.prompt(), p.chosen(), List.of(p.chosen()), List.of("bland"), p.meta())));
    Files.write(prefs, prefLines);

    ValidationReport report = VALIDATE.check(dir);

    assertThat(report.errors())
        .extracting(DataProblem::toString)
        .anySatisfy(e -> assertThat(e).startsWith(cleaned + ":2: not valid JSON"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith(cleaned + ":4: meta.product_id P999 is not a product of the kit"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith(cleaned + ":6: prompt[1] has role assistant where user belongs"))
        .anySatisfy(
            e -> assertThat(e).startsWith(cleaned + ":7: meta.content_type tweet is not a content"))
        .anySatisfy(
            e -> assertThat(e).isEqualTo(prefs + ":3: rejected[0] is the chosen copy itself"));
    assertThat(report.warnings())
        .extracting(DataProblem::toString)
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith(cleaned + ":" + lines.size() + ": a second copy for")
                    .endsWith("(first at " + cleaned + ":8)"))
        .anySatisfy(w -> assertThat(w).startsWith(prefs + ":3: rejected type 'bland'"));
    assertThat(report.ok()).isFalse();
  }

  @Test
  void aProductInBothSplitsIsAnError() throws IOException {
    Path dir = DataFixture.exported(tmp.resolve("run"));
    Path val = dir.resolve("export/sft_val.jsonl");
    String trainRecord = Files.readAllLines(dir.resolve("export/sft_train.jsonl")).get(0);
    Files.writeString(val, trainRecord + "\n", java.nio.file.StandardOpenOption.APPEND);
    int line = Files.readAllLines(val).size();
    String product =
        new ObjectMapper().readTree(trainRecord).get("meta").get("product_id").asText();

    ValidationReport report = VALIDATE.check(dir);

    assertThat(report.errors())
        .extracting(DataProblem::toString)
        .contains(
            val
                + ":"
                + line
                + ": product "
                + product
                + " is in val data but split.json puts it in train")
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith(
                        val + ":" + line + ": product " + product + " is in both train and val"));
  }

  @Test
  void datasetInfoMustNameExistingFilesWithTheirColumns() throws IOException {
    Path dir = DataFixture.exported(tmp.resolve("run"));
    Path info = dir.resolve("export/dataset_info.json");
    Files.writeString(
        info,
        Files.readString(info)
            .replace("\"sft_val.jsonl\"", "\"missing.jsonl\"")
            .replaceFirst("\"chosen\" : \"chosen\"", "\"chosen\" : \"better\""));

    ValidationReport report = VALIDATE.check(dir);

    assertThat(report.errors())
        .extracting(DataProblem::toString)
        .anySatisfy(
            e ->
                assertThat(e)
                    .isEqualTo(
                        info
                            + ": brandtune_sft_val: file_name 'missing.jsonl' does not exist next"
                            + " to dataset_info.json"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith(
                        dir.resolve("export/lf_pref_train.jsonl") + ":1: no column \"better\""));
  }

  @Test
  void verlRowsMustMatchTheGrpoPromptsAndLlamaFactoryPairsTheirShape() throws IOException {
    Path dir = DataFixture.exported(tmp.resolve("run"));
    Path grpo = dir.resolve("export/grpo_train.jsonl");
    List<String> lines = Files.readAllLines(grpo);
    Files.write(grpo, lines.subList(0, lines.size() - 1));
    Path pairs = dir.resolve("export/lf_pref_val.jsonl");
    List<String> pairLines = new ArrayList<>(Files.readAllLines(pairs));
    pairLines.set(
        0, pairLines.get(0).replaceFirst("\"chosen\":\\{[^}]*\\}", "\"chosen\":\"text\""));
    Files.write(pairs, pairLines);

    ValidationReport report = VALIDATE.check(dir);

    assertThat(report.errors())
        .extracting(DataProblem::toString)
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith(
                        dir.resolve("export/verl_train.parquet")
                            + ": "
                            + lines.size()
                            + " rows but grpo_train.jsonl has "
                            + (lines.size() - 1)
                            + " prompts"))
        .anySatisfy(
            e -> assertThat(e).startsWith(pairs + ":1: field \"chosen\" must be one {\"role\""));
  }

  @Test
  void runWritesTheReportAndFailsWithTheErrorsLocations() throws IOException {
    Path dir = DataFixture.write(tmp.resolve("run"));
    Path cleaned = dir.resolve("cleaned.jsonl");
    Files.writeString(cleaned, "not json\n", java.nio.file.StandardOpenOption.APPEND);
    int line = Files.readAllLines(cleaned).size();

    assertThatThrownBy(() -> VALIDATE.run(dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("1 data error(s)")
        .hasMessageContaining(cleaned + ":" + line + ": not valid JSON");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("validation.json").toFile());
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("problems").get(0).get("where").asText()).isEqualTo(cleaned + ":" + line);
  }

  @Test
  void anEmptyDirectoryIsAnError() throws IOException {
    Files.createDirectories(tmp.resolve("empty"));

    assertThat(VALIDATE.check(tmp.resolve("empty")).errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("no data files"));
  }
}

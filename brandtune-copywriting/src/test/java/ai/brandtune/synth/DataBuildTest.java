package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.llm.LlmConfig;
import ai.brandtune.llm.ScriptedChatServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming builds: which stages a rerun skips after which change. */
class DataBuildTest {
  /** Five golden products keep the build quick; every stage still has work. */
  static final SynthConfig CONFIG =
      SynthConfig.defaults().toBuilder()
          .products(
              List.of(
                  "P001", "P002", "P003", "P004", "P005", "P006", "P007", "P008", "P009", "P010"))
          .valRatio(0.2)
          .build();

  static final List<String> ALL =
      List.of("generate", "clean", "rejects", "split", "export", "validate", "stats");

  @TempDir Path tmp;

  @Test
  void aRerunSkipsEveryStageAndLeavesEveryFileAsItWas() throws IOException {
    Path dir = tmp.resolve("run");
    List<String> log = new ArrayList<>();

    DataBuild.Result first = new DataBuild(CONFIG).run(dir, false, log::add);
    Map<String, byte[]> before = snapshot(dir);
    DataBuild.Result second = new DataBuild(CONFIG).run(dir, false, log::add);

    assertThat(first.summaries()).extracting(StageSummary::stage).containsExactlyElementsOf(ALL);
    assertThat(first.skipped()).isEmpty();
    assertThat(second.summaries()).isEmpty();
    assertThat(second.skipped()).containsExactlyElementsOf(ALL);
    assertThat(log)
        .contains("split: running", "split: skipped (completed before; inputs unchanged)");
    assertSameFiles(snapshot(dir), before);
    assertThat(before.keySet())
        .contains(
            "manifest.json",
            "export/sft_train.jsonl",
            "export/sft_val.jsonl",
            "export/verl_val.parquet",
            "stats.json");
  }

  @Test
  void aChangedKeyRerunsItsStageAndWhatDependsOnIt() {
    Path dir = tmp.resolve("run");
    new DataBuild(CONFIG).run(dir, false, s -> {});

    DataBuild.Result ratio =
        new DataBuild(CONFIG.toBuilder().valRatio(0.3).build()).run(dir, false, s -> {});
    DataBuild.Result prefix =
        new DataBuild(
                CONFIG.toBuilder()
                    .valRatio(0.3)
                    .export(new ExportOptions("yuansu", null, null, null))
                    .build())
            .run(dir, false, s -> {});

    assertThat(ratio.skipped()).containsExactly("generate", "clean", "rejects");
    assertThat(prefix.skipped()).containsExactly("generate", "clean", "rejects", "split");
    assertThat(dir.resolve("export/dataset_info.json")).content().contains("yuansu_sft_train");
  }

  @Test
  void aDeletedOrEditedOutputIsMadeAgainAndIdenticalResultsStopTheRerun() throws IOException {
    Path dir = tmp.resolve("run");
    new DataBuild(CONFIG).run(dir, false, s -> {});
    Map<String, byte[]> before = snapshot(dir);

    Files.delete(dir.resolve("export/sft_val.jsonl"));
    DataBuild.Result afterDelete = new DataBuild(CONFIG).run(dir, false, s -> {});
    Files.writeString(dir.resolve("cleaned.jsonl"), "edited by hand\n");
    DataBuild.Result afterEdit = new DataBuild(CONFIG).run(dir, false, s -> {});

    // export writes the same bytes again, so validate and stats see unchanged inputs
    assertThat(afterDelete.summaries()).extracting(StageSummary::stage).containsExactly("export");
    assertThat(afterEdit.summaries()).extracting(StageSummary::stage).containsExactly("clean");
    assertSameFiles(snapshot(dir), before);
  }

  @Test
  void anIncompleteOrUnreadableManifestEntryRunsTheStageAgain() throws IOException {
    Path dir = tmp.resolve("run");
    new DataBuild(CONFIG).run(dir, false, s -> {});
    BuildManifest manifest = BuildManifest.read(dir);
    BuildManifest.Entry stats = manifest.stage("stats").orElseThrow();
    manifest.put(
        "stats", new BuildManifest.Entry(false, stats.inputs(), stats.outputs(), stats.counts()));
    manifest.write(dir);

    assertThat(new DataBuild(CONFIG).run(dir, false, s -> {}).summaries())
        .extracting(StageSummary::stage)
        .containsExactly("stats");
    assertThat(BuildManifest.read(dir).stage("stats").orElseThrow().complete()).isTrue();

    Files.writeString(dir.resolve("manifest.json"), "{ not json");
    assertThat(new DataBuild(CONFIG).run(dir, false, s -> {}).skipped()).isEmpty();
    assertThat(new DataBuild(CONFIG).run(dir, true, s -> {}).skipped()).isEmpty();
  }

  static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return files;
  }

  static void assertSameFiles(Map<String, byte[]> actual, Map<String, byte[]> expected) {
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((name, bytes) -> assertThat(actual.get(name)).as(name).isEqualTo(bytes));
  }

  @Test
  void aStageWithFailedTeacherRequestsRunsAgainAndThenNothingIsAsked() throws IOException {
    TeacherSynthTest.load();
    AtomicBoolean down = new AtomicBoolean(true);
    try (ScriptedChatServer teacher =
        new ScriptedChatServer(
            body ->
                down.get() && ScriptedChatServer.user(body).contains("产品名称：绿茶抗氧面膜")
                    ? null
                    : TeacherSynthTest.answer(body))) {
      SynthConfig config =
          SynthConfig.defaults().toBuilder()
              .teacher(
                  LlmConfig.builder(teacher.baseUrl(), "test-teacher")
                      .cacheDir(tmp.resolve("cache"))
                      .maxAttempts(1)
                      .progress(false)
                      .build())
              .products(TeacherSynthTest.PRODUCTS)
              .contentTypes(TeacherSynthTest.TYPES)
              .valRatio(0.5)
              .build();
      Path dir = tmp.resolve("run");

      DataBuild.Result first = new DataBuild(config).run(dir, false, s -> {});
      down.set(false);
      int asked = teacher.count();
      DataBuild.Result second = new DataBuild(config).run(dir, false, s -> {});
      int askedAgain = teacher.count() - asked;
      DataBuild.Result third = new DataBuild(config).run(dir, false, s -> {});

      StageSummary generateAgain = second.summaries().get(0);
      assertThat(first.summaries().get(0).count("failed")).isEqualTo(3);
      assertThat(DataBuild.failures(first.summaries().get(0))).isEqualTo(3);
      // the second build runs generate again, which asks only for the three failed copies
      assertThat(second.skipped()).isEmpty();
      assertThat(generateAgain.count("requested")).isEqualTo(3);
      assertThat(generateAgain.count("from_cache")).isEqualTo(3);
      assertThat(DataBuild.failures(generateAgain)).isZero();
      assertThat(BuildManifest.read(dir).stage("generate").orElseThrow().complete()).isTrue();
      assertThat(askedAgain).isPositive();
      assertThat(third.skipped()).containsExactlyElementsOf(ALL);
      assertThat(teacher.count()).isEqualTo(asked + askedAgain);
    }
  }
}

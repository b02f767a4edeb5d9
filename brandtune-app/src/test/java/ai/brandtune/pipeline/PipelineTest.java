package ai.brandtune.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.train.StopSignal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's skip, rerun and resume rules, on toy stages that write text files. */
class PipelineTest {
  @TempDir Path runs;

  /** Writes {@code out.txt} = its setting + what its input stage wrote; counts its runs. */
  private static final class Toy implements Stage {
    final String name;
    final String input;
    String setting = "v1";
    int runs;
    boolean stopOnce;
    boolean sawLeftover;

    Toy(String name, String input) {
      this.name = name;
      this.input = input;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<String> inputs(PipelineContext context) {
      return input == null ? List.of() : List.of(input);
    }

    @Override
    public ObjectNode config(PipelineContext context) {
      ObjectNode c = Pipeline.YAML.createObjectNode();
      c.put("setting", setting);
      return c;
    }

    @Override
    public StageResult run(StageRun run) {
      runs++;
      try {
        Path partial = run.dir().resolve("partial.txt");
        sawLeftover = Files.exists(partial);
        if (stopOnce) {
          stopOnce = false;
          Files.writeString(partial, "half");
          throw new StageStopped("stopped at step 1/2");
        }
        String upstream =
            input == null ? "" : Files.readString(run.output(input).resolve("out.txt"));
        Files.writeString(run.dir().resolve("out.txt"), upstream + name + "=" + setting + ";");
        return new StageResult(List.of("out.txt"), Map.of("runs", runs), "ok");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final Toy a = new Toy("a", null);
  private final Toy b = new Toy("b", "a");
  private final Toy c = new Toy("c", "b");
  private final List<String> lines = new ArrayList<>();

  private Pipeline.Result run(Pipeline.Options options) {
    PipelineContext context = new PipelineContext(Project.defaults(), runs.resolve("x"), false);
    return new Pipeline(List.of(a, b, c)).run(context, options, StopSignal.manual(), lines::add);
  }

  private Map<String, String> statuses(Pipeline.Result r) {
    Map<String, String> s = new HashMap<>();
    r.stages().forEach(o -> s.put(o.stage(), o.status()));
    return s;
  }

  @Test
  void aCompleteRunIsSkippedAndAChangedStageRerunsWithTheLaterOnes() throws IOException {
    assertThat(statuses(run(Pipeline.Options.ALL)))
        .containsEntry("a", "ran")
        .containsEntry("b", "ran")
        .containsEntry("c", "ran");
    assertThat(Files.readString(runs.resolve("x/c/out.txt"))).isEqualTo("a=v1;b=v1;c=v1;");
    assertThat(StageManifest.read(runs.resolve("x/b")).orElseThrow().complete()).isTrue();

    assertThat(statuses(run(Pipeline.Options.ALL)))
        .containsOnlyKeys("a", "b", "c")
        .doesNotContainValue("ran");

    b.setting = "v2";
    assertThat(statuses(run(Pipeline.Options.ALL)))
        .containsEntry("a", "skipped")
        .containsEntry("b", "ran")
        .containsEntry("c", "ran");
    assertThat(Files.readString(runs.resolve("x/c/out.txt"))).isEqualTo("a=v1;b=v2;c=v1;");
    assertThat(List.of(a.runs, b.runs, c.runs)).containsExactly(1, 2, 2);
  }

  @Test
  void anEditedOutputMakesItsStageRunAgain() throws IOException {
    run(Pipeline.Options.ALL);
    Files.writeString(runs.resolve("x/b/out.txt"), "tampered");
    assertThat(statuses(run(Pipeline.Options.ALL)))
        .containsEntry("a", "skipped")
        .containsEntry("b", "ran")
        .containsEntry("c", "ran");
    assertThat(Files.readString(runs.resolve("x/b/out.txt"))).isEqualTo("a=v1;b=v1;");
  }

  @Test
  void aStoppedStageStaysRunningAndResumesInItsDirectory() {
    b.stopOnce = true;
    Pipeline.Result stopped = run(Pipeline.Options.ALL);
    assertThat(stopped.stopped()).isTrue();
    assertThat(statuses(stopped)).containsEntry("b", "stopped").doesNotContainKey("c");
    StageManifest m = StageManifest.read(runs.resolve("x/b")).orElseThrow();
    assertThat(m.status()).isEqualTo(StageManifest.RUNNING);

    assertThat(statuses(run(Pipeline.Options.ALL)))
        .containsEntry("a", "skipped")
        .containsEntry("b", "ran")
        .containsEntry("c", "ran");
    assertThat(b.sawLeftover).as("the resumed attempt found the stopped one's files").isTrue();
    assertThat(StageManifest.read(runs.resolve("x/b")).orElseThrow().attempts()).isEqualTo(2);
  }

  @Test
  void aChangedConfigStartsTheStageFromAnEmptyDirectory() {
    b.stopOnce = true;
    run(Pipeline.Options.ALL);
    b.setting = "v2";
    run(Pipeline.Options.ALL);
    assertThat(b.sawLeftover).isFalse();
    assertThat(StageManifest.read(runs.resolve("x/b")).orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void fromRerunsTheNamedStageAndLaterOnesAndOnlyRunsOneStage() {
    run(Pipeline.Options.ALL);
    assertThat(statuses(run(new Pipeline.Options("b", null))))
        .containsEntry("a", "not selected")
        .containsEntry("b", "ran")
        .containsEntry("c", "ran");
    assertThat(statuses(run(new Pipeline.Options(null, "b"))))
        .containsEntry("a", "not selected")
        .containsEntry("b", "ran")
        .containsEntry("c", "not selected");
    assertThatThrownBy(() -> run(new Pipeline.Options("nope", null)))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("--from nope")
        .hasMessageContaining("a, b, c");
  }

  @Test
  void aStopRequestedBeforeAStageStartsStopsThePipelineThere() {
    PipelineContext context = new PipelineContext(Project.defaults(), runs.resolve("x"), false);
    StopSignal stop = StopSignal.manual();
    stop.request();
    Pipeline.Result r =
        new Pipeline(List.of(a, b, c)).run(context, Pipeline.Options.ALL, stop, lines::add);
    assertThat(r.stopped()).isTrue();
    assertThat(statuses(r)).containsOnlyKeys("a").containsEntry("a", "stopped");
    assertThat(a.runs).isZero();
  }

  @Test
  void onlyNeedsItsInputStagesComplete() {
    assertThatThrownBy(() -> run(new Pipeline.Options(null, "c")))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("c needs the outputs of stage b");
  }
}

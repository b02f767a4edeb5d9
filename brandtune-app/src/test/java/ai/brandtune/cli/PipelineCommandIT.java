package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.CausalLmCheckpoint;
import ai.brandtune.tensor.Devices;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.text.HfTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's main job, {@code pipeline --quick} on the built-in default (the project file only
 * names the run), shared by every assertion (CI time): it is first killed (a real SIGKILL of a
 * child JVM) during SFT, then rerun in-process, which must resume SFT from its last checkpoint and
 * finish with the report; a third run must skip everything; a changed GRPO config must rerun grpo,
 * eval and report only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STAGES =
      List.of("data", "pretrain", "sft", "rm", "grpo", "eval", "report");

  /** The quick default's SFT steps, and how often it logs. */
  private static final int SFT_STEPS = 100;

  private static final int SFT_LOGGING_STEPS = 5;

  private Path root;
  private Path project;
  private Path runs;
  private Path run;
  private int killedAtCheckpoint;
  private String resumedOutput;

  @BeforeAll
  void killDuringSftThenResume() throws Exception {
    root = Files.createTempDirectory("pipeline-it");
    runs = root.resolve("runs");
    run = runs.resolve("it");
    project = root.resolve("project.yaml");
    writeProject(null);

    Path log = root.resolve("child.log");
    Process child =
        new ProcessBuilder(
                javaBinary(),
                "-Xmx2g",
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                BrandtuneCli.class.getName(),
                "pipeline",
                "--config",
                project.toString(),
                "--runs-dir",
                runs.toString(),
                "--quick")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Path sft = run.resolve("sft");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
    while (checkpoints(sft).isEmpty()) {
      assertThat(child.isAlive())
          .as("the child pipeline ended before an SFT checkpoint:\n%s", read(log))
          .isTrue();
      assertThat(System.nanoTime()).as("no SFT checkpoint in time").isLessThan(deadline);
      Thread.sleep(50);
    }
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no final save
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    killedAtCheckpoint = checkpoints(sft).stream().mapToInt(Integer::intValue).max().orElseThrow();
    assertThat(manifest("sft").get("status").asText()).isEqualTo("running");

    CliRun resumed = pipeline();
    assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
    resumedOutput = resumed.out();
  }

  @AfterAll
  void cleanUp() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  @Order(1)
  void theResumedRunSkipsTheFinishedStagesAndCompletesEveryManifest() throws IOException {
    assertThat(resumedOutput)
        .containsPattern("data\\s+skipped")
        .containsPattern("pretrain\\s+skipped")
        .containsPattern("sft\\s+resuming")
        .containsPattern("sft\\s+ran")
        .containsPattern("rm\\s+ran")
        .containsPattern("grpo\\s+ran")
        .containsPattern("eval\\s+ran")
        .containsPattern("report\\s+ran")
        .contains("report: " + run.resolve("report/report.html"));
    for (String stage : STAGES) {
      JsonNode m = manifest(stage);
      assertThat(m.get("status").asText()).as(stage).isEqualTo("complete");
      assertThat(m.get("config_hash").asText()).hasSize(64);
      assertThat(m.get("seed").asLong()).isEqualTo(42);
      assertThat(m.get("versions").has("brandtune")).isTrue();
      assertThat(m.get("seconds").asDouble()).isPositive();
      assertThat(m.get("outputs").size()).as(stage + " outputs").isPositive();
      m.get("outputs")
          .fieldNames()
          .forEachRemaining(f -> assertThat(run.resolve(stage).resolve(f)).isRegularFile());
      assertThat(run.resolve(stage).resolve("config.yaml")).isRegularFile();
    }
    assertThat(manifest("sft").get("inputs").has("stage:pretrain")).isTrue();
    assertThat(manifest("rm").get("inputs").has("stage:sft")).isTrue();
    assertThat(manifest("grpo").get("inputs").has("stage:rm")).isTrue();
    assertThat(manifest("eval").get("inputs").has("stage:grpo")).isTrue();
  }

  @Test
  @Order(1)
  void theReportComparesEveryModelAndGrpoKeepsTheBrandRulesAtLeastAsWellAsSft() throws IOException {
    Path html = run.resolve("report/report.html");
    assertThat(html).isRegularFile();
    assertThat(run.resolve("report/means_brand_rules.png")).isRegularFile();
    String markdown = Files.readString(run.resolve("report/report.md"));
    assertThat(markdown).contains("| content type | golden | base | sft | grpo |");
    JsonNode models = manifest("eval").get("summary");
    for (String model : List.of("golden", "base", "sft", "grpo")) {
      assertThat(models.get(model).get("prompts").asInt()).as(model).isPositive();
      assertThat(models.get(model).get("failed").asInt()).as(model).isZero();
    }
    double sft = models.get("sft").get("mean_brand_score").asDouble();
    double grpo = models.get("grpo").get("mean_brand_score").asDouble();
    assertThat(grpo)
        .as("GRPO's mean brand-rule score vs SFT's (%s)", sft)
        .isGreaterThanOrEqualTo(sft);
  }

  @Test
  @Order(2)
  void sftResumedFromTheLastCheckpointOfTheKilledRun() throws IOException {
    JsonNode summary = manifest("sft").get("summary");
    assertThat(killedAtCheckpoint).isBetween(1, SFT_STEPS - 1);
    assertThat(summary.get("start_step").asInt()).isEqualTo(killedAtCheckpoint);
    assertThat(summary.get("steps_run").asInt()).isEqualTo(SFT_STEPS - killedAtCheckpoint);
    assertThat(manifest("sft").get("attempts").asInt()).isEqualTo(2);
    // the log holds each logged step once, the killed run's up to its checkpoint and the
    // resumed run's after it
    List<Integer> steps = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("sft/metrics.jsonl"))) {
      JsonNode r = JSON.readTree(line);
      if (r.has("loss")) {
        steps.add(r.get("step").asInt());
      }
    }
    assertThat(steps)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, SFT_STEPS / SFT_LOGGING_STEPS)
                .mapToObj(i -> i * SFT_LOGGING_STEPS)
                .toList());
  }

  @Test
  @Order(3)
  void theRewardModelIsEvaluatedPerRejectedType() throws IOException {
    JsonNode eval = manifest("rm").get("summary").get("evaluation");
    for (String type : List.of("weak", "exaggerated", "fabricated")) {
      assertThat(eval.has("accuracy/" + type)).as(type).isTrue();
      assertThat(eval.get("accuracy/" + type).asDouble()).isBetween(0.0, 1.0);
    }
    assertThat(eval.get("pairs").asInt()).isPositive();
  }

  @Test
  @Order(4)
  void theTinyModelAndItsTokenizerLoadAndTheTemplateRenders() {
    Path model = run.resolve("sft");
    try (HfTokenizer tokenizer = HfTokenizer.load(model)) {
      String copy = "屏障修护精华，5%泛醇温和配方。Try it now.";
      assertThat(tokenizer.decode(tokenizer.encode(copy))).isEqualTo(copy);
      long imEnd = tokenizer.id("<|im_end|>").orElseThrow();
      assertThat(tokenizer.eosTokenId()).contains(imEnd);
      assertThat(tokenizer.encode("<|im_end|>")).containsExactly(imEnd);
      String rendered =
          tokenizer.applyChatTemplate(
              List.of(ChatMessage.system("品牌"), ChatMessage.user("写一条文案")), true, Map.of());
      assertThat(rendered)
          .isEqualTo(
              "<|im_start|>system\n品牌<|im_end|>\n<|im_start|>user\n写一条文案<|im_end|>\n"
                  + "<|im_start|>assistant\n");
      CausalLm lm = CausalLmCheckpoint.load(model, Devices.cpu(), ScalarType.Float);
      assertThat(lm.config().vocabSize()).isEqualTo(tokenizer.vocabSize());
    }
    CliRun generated =
        CliRun.of(
            "generate",
            "--model",
            model.toString(),
            "--prompt",
            "写一条面霜文案",
            "--max-new-tokens",
            "8",
            "--seed",
            "1");
    assertThat(generated.exitCode()).as(generated.err()).isZero();
  }

  @Test
  @Order(5)
  void aRerunSkipsEveryStage() throws IOException {
    String before = Files.readString(run.resolve("rm/manifest.json"));
    CliRun again = pipeline();
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("report: " + run.resolve("report/report.html"));
    for (String stage : STAGES) {
      assertThat(again.out()).containsPattern("(?m)^" + stage + "\\s+skipped");
    }
    assertThat(again.out()).doesNotContain(" ran ");
    assertThat(Files.readString(run.resolve("rm/manifest.json"))).isEqualTo(before);
  }

  @Test
  @Order(6)
  void aChangedGrpoConfigRerunsGrpoAndTheStagesAfterItOnly() throws IOException {
    Map<String, String> before = new java.util.HashMap<>();
    for (String stage : List.of("data", "pretrain", "sft", "rm")) {
      before.put(stage, Files.readString(run.resolve(stage).resolve("manifest.json")));
    }
    String grpoHash = manifest("grpo").get("config_hash").asText();
    writeProject("4.0e-3");
    CliRun changed = pipeline();
    assertThat(changed.exitCode()).as(changed.err()).isZero();
    for (String stage : List.of("data", "pretrain", "sft", "rm")) {
      assertThat(changed.out()).containsPattern("(?m)^" + stage + "\\s+skipped");
      assertThat(Files.readString(run.resolve(stage).resolve("manifest.json")))
          .as(stage)
          .isEqualTo(before.get(stage));
    }
    for (String stage : List.of("grpo", "eval", "report")) {
      assertThat(changed.out()).containsPattern("(?m)^" + stage + "\\s+ran");
    }
    assertThat(manifest("grpo").get("config_hash").asText()).isNotEqualTo(grpoHash);
    // a changed config starts over: no resume from the old run's checkpoints
    assertThat(manifest("grpo").get("summary").get("start_step").asInt()).isZero();
    assertThat(manifest("grpo").get("attempts").asInt()).isEqualTo(1);
  }

  private CliRun pipeline() {
    return CliRun.of(
        "pipeline", "--config", project.toString(), "--runs-dir", runs.toString(), "--quick");
  }

  /** The built-in default under the run name "it", with GRPO's learning rate when given. */
  private void writeProject(String grpoLearningRate) throws IOException {
    String text = "name: it\n";
    if (grpoLearningRate != null) {
      text += "grpo:\n  learning_rate: " + grpoLearningRate + "\n";
    }
    Files.writeString(project, text);
  }

  private JsonNode manifest(String stage) throws IOException {
    return JSON.readTree(run.resolve(stage).resolve("manifest.json").toFile());
  }

  private static List<Integer> checkpoints(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("checkpoint-\\d+"))
          .map(n -> Integer.parseInt(n.substring("checkpoint-".length())))
          .toList();
    }
  }

  private static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log)";
    }
  }
}

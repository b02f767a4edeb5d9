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
 * One {@code pipeline --quick} run through rm, shared by every assertion (CI time): it is first
 * killed (a real SIGKILL of a child JVM) during SFT, then rerun in-process, which must resume SFT
 * from its last checkpoint; a third run must skip everything; a changed SFT config must rerun sft
 * and rm only. Steps are shrunk further by the project file so the class stays within its CI
 * budget.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SFT_STEPS = 16;

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
    writeProject(1e-3);

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
        .containsPattern("rm\\s+ran");
    for (String stage : List.of("data", "pretrain", "sft", "rm")) {
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
  }

  @Test
  @Order(2)
  void sftResumedFromTheLastCheckpointOfTheKilledRun() throws IOException {
    JsonNode summary = manifest("sft").get("summary");
    assertThat(killedAtCheckpoint).isBetween(1, SFT_STEPS - 1);
    assertThat(summary.get("start_step").asInt()).isEqualTo(killedAtCheckpoint);
    assertThat(summary.get("steps_run").asInt()).isEqualTo(SFT_STEPS - killedAtCheckpoint);
    assertThat(manifest("sft").get("attempts").asInt()).isEqualTo(2);
    // logging_steps 1: the log holds each step once, the killed run's up to its checkpoint and
    // the resumed run's after it
    List<Integer> steps = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("sft/metrics.jsonl"))) {
      JsonNode r = JSON.readTree(line);
      if (r.has("loss")) {
        steps.add(r.get("step").asInt());
      }
    }
    assertThat(steps)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, SFT_STEPS).boxed().toList());
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
    for (String stage : List.of("data", "pretrain", "sft", "rm")) {
      assertThat(again.out()).containsPattern("(?m)^" + stage + "\\s+skipped");
    }
    assertThat(again.out()).doesNotContain(" ran ");
    assertThat(Files.readString(run.resolve("rm/manifest.json"))).isEqualTo(before);
  }

  @Test
  @Order(6)
  void aChangedSftConfigRerunsSftAndTheStagesAfterItOnly() throws IOException {
    String dataManifest = Files.readString(run.resolve("data/manifest.json"));
    String sftHash = manifest("sft").get("config_hash").asText();
    writeProject(5e-4);
    CliRun changed = pipeline();
    assertThat(changed.exitCode()).as(changed.err()).isZero();
    assertThat(changed.out())
        .containsPattern("(?m)^data\\s+skipped")
        .containsPattern("(?m)^pretrain\\s+skipped")
        .containsPattern("(?m)^sft\\s+ran")
        .containsPattern("(?m)^rm\\s+ran");
    assertThat(Files.readString(run.resolve("data/manifest.json"))).isEqualTo(dataManifest);
    assertThat(manifest("sft").get("config_hash").asText()).isNotEqualTo(sftHash);
    // a changed config starts over: no resume from the old run's checkpoints
    assertThat(manifest("sft").get("summary").get("start_step").asInt()).isZero();
    assertThat(manifest("sft").get("attempts").asInt()).isEqualTo(1);
  }

  private CliRun pipeline() {
    return CliRun.of(
        "pipeline", "--config", project.toString(), "--runs-dir", runs.toString(), "--quick");
  }

  private void writeProject(double sftLearningRate) throws IOException {
    Files.writeString(
        project,
        """
        name: it
        pretrain:
          model: {hidden_size: 64, intermediate_size: 128, num_hidden_layers: 2,
                  num_attention_heads: 4, num_key_value_heads: 2, head_dim: 16}
          max_length: 128
          max_steps: 8
          save_steps: 4
        sft:
          max_length: 320
          per_device_train_batch_size: 2
          max_steps: %d
          save_steps: 2
          logging_steps: 1
          learning_rate: %s
        rm:
          max_length: 320
          max_prompt_length: 128
          per_device_train_batch_size: 2
          max_steps: 6
        """
            .formatted(SFT_STEPS, sftLearningRate));
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

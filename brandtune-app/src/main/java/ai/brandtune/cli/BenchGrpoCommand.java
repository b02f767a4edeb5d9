package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Torch;
import ai.brandtune.train.ConfigFile;
import ai.brandtune.train.MetricsLog;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.grpo.GrpoConfig;
import ai.brandtune.train.grpo.GrpoTrainer;
import ai.brandtune.train.grpo.RewardFunction;
import ai.brandtune.train.grpo.RewardRegistry;
import ai.brandtune.train.grpo.RewardSample;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brandtune bench grpo}: real GRPO steps (generation, rewards, reference pass, LoRA update)
 * on a model, with synthetic prompts and a cheap length reward so the model's own work is what is
 * timed. Reports the median step time split into generation / reference / update, and the
 * generation's tokens per second, from the run's own {@code metrics.jsonl}.
 */
@Command(
    name = "grpo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Measure GRPO steps: time split into generation, reference and policy update, and"
          + " generation tokens/s, for a LoRA policy on the model (median of the timed steps).",
      "Prompts are synthetic; the reward is the completion's length, so every step generates"
          + " to max_completion_length unless the model stops."
    })
final class BenchGrpoCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "Hugging Face model directory with a tokenizer and chat template.")
  Path modelDir;

  @Option(
      names = "--device",
      defaultValue = "auto",
      paramLabel = "DEVICE",
      description = "cpu, cuda, cuda:N, or auto (CUDA when available).")
  String device;

  @Option(
      names = "--prompts",
      defaultValue = "2",
      paramLabel = "N",
      description = "Prompts per step.")
  int prompts;

  @Option(
      names = "--generations",
      defaultValue = "8",
      paramLabel = "G",
      description = "Completions per prompt (num_generations).")
  int generations;

  @Option(
      names = "--max-completion-length",
      defaultValue = "64",
      paramLabel = "T",
      description = "Tokens per completion at most.")
  int maxCompletionLength;

  @Option(
      names = "--micro-batch",
      defaultValue = "8",
      paramLabel = "B",
      description = "Rows per update forward/backward (per_device_train_batch_size).")
  int microBatch;

  @Option(
      names = "--beta",
      defaultValue = "0.04",
      paramLabel = "BETA",
      description = "KL coefficient; 0 skips the reference pass.")
  double beta;

  @Option(
      names = "--steps",
      defaultValue = "3",
      paramLabel = "N",
      description = "Timed steps; the median is reported.")
  int steps;

  @Option(
      names = "--warmup",
      defaultValue = "1",
      paramLabel = "N",
      description = "Untimed steps before measuring.")
  int warmup;

  @Option(names = "--bf16", description = "bf16 autocast (and a bf16 LoRA base on CUDA).")
  boolean bf16;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (prompts < 1 || generations < 2 || steps < 1 || warmup < 0 || maxCompletionLength < 1) {
      throw new BrandtuneException(
          "bench grpo: --prompts and --steps must be >= 1, --generations >= 2, --warmup >= 0");
    }
    Torch.init();
    CheckpointDirectory.requireModelDir(modelDir);
    Path work = Files.createTempDirectory("brandtune-bench-grpo");
    try {
      Path data = work.resolve("prompts.jsonl");
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < prompts; i++) {
        ObjectNode r = JSON.createObjectNode();
        r.putArray("prompt")
            .addObject()
            .put("role", "user")
            .put("content", "Write a short product description for item number " + i + ".");
        lines.add(JSON.writeValueAsString(r));
      }
      Files.write(data, lines);
      GrpoConfig config =
          ConfigFile.read(
              null,
              List.of(
                  "model_name_or_path=" + modelDir,
                  "dataset=" + data,
                  "output_dir=" + work.resolve("out"),
                  "reward_funcs=[length]",
                  "num_generations=" + generations,
                  "generation_batch_size=" + prompts * generations,
                  "per_device_train_batch_size=" + microBatch,
                  "max_completion_length=" + maxCompletionLength,
                  "beta=" + beta,
                  "max_steps=" + (warmup + steps),
                  "save_steps=0",
                  "logging_steps=1",
                  "log_completions_steps=0",
                  "learning_rate=1e-5",
                  "device=" + device,
                  "bf16=" + bf16,
                  "progress=false"),
              GrpoConfig.class);
      RewardRegistry rewards = RewardRegistry.builtIn().with("length", s -> lengthReward());
      try (StopSignal stop = StopSignal.manual()) {
        GrpoTrainer.run(config, rewards, stop);
      }
      List<JsonNode> records = MetricsLog.read(work.resolve("out").resolve(MetricsLog.FILE));
      List<JsonNode> timed = records.subList(Math.min(warmup, records.size()), records.size());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("model", modelDir.toString());
      row.put("device", Devices.name(Devices.parse(device)));
      row.put("prompts", prompts);
      row.put("generations", generations);
      row.put("max_completion_length", maxCompletionLength);
      row.put("beta", beta);
      row.put("generation_s", median(timed, "time/generation_s"));
      row.put("rewards_s", median(timed, "time/rewards_s"));
      row.put("reference_s", median(timed, "time/reference_s"));
      row.put("update_s", median(timed, "time/update_s"));
      row.put("generation_tokens_per_s", median(timed, "generation_tokens_per_s"));
      row.put("mean_completion_length", median(timed, "completions/mean_length"));
      print(spec.commandLine().getOut(), row);
      return CommandLine.ExitCode.OK;
    } finally {
      deleteQuietly(work);
    }
  }

  private void print(PrintWriter out, Map<String, Object> row) throws IOException {
    if (json) {
      out.println(JSON.writeValueAsString(row));
      return;
    }
    out.printf(
        Locale.ROOT,
        "model %s on %s, %d prompts x %d completions, <= %d tokens, beta %s, median of %d step(s)"
            + " after %d warm-up%n",
        modelDir,
        row.get("device"),
        prompts,
        generations,
        maxCompletionLength,
        beta,
        steps,
        warmup);
    out.printf(
        Locale.ROOT,
        "%12s  %12s  %12s  %12s  %12s  %10s%n",
        "generation s",
        "rewards s",
        "reference s",
        "update s",
        "gen tok/s",
        "mean len");
    out.printf(
        Locale.ROOT,
        "%12.3f  %12.3f  %12.3f  %12.3f  %12.1f  %10.1f%n",
        row.get("generation_s"),
        row.get("rewards_s"),
        row.get("reference_s"),
        row.get("update_s"),
        row.get("generation_tokens_per_s"),
        row.get("mean_completion_length"));
    out.flush();
  }

  private static double median(List<JsonNode> records, String key) {
    double[] v =
        records.stream().filter(r -> r.has(key)).mapToDouble(r -> r.get(key).asDouble()).toArray();
    if (v.length == 0) {
      return 0;
    }
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Longer is better: varied rewards at no cost, so the timed work is the model's. */
  private static RewardFunction lengthReward() {
    return new RewardFunction() {
      @Override
      public String name() {
        return "length";
      }

      @Override
      public Double score(RewardSample s) {
        return (double) s.completionTokens();
      }
    };
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a leftover temporary directory is harmless
    }
  }
}

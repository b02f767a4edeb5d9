package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.SftBatch;
import ai.brandtune.data.SftCollator;
import ai.brandtune.data.SftExample;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.model.ModelConfig;
import ai.brandtune.model.ModelConfigJson;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Torch;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brandtune bench sft}: the speed and memory of real SFT optimizer steps (forward, loss,
 * backward, clipping, AdamW) for LoRA and full fine-tuning over a grid of batch sizes and sequence
 * lengths, on random fully labelled tokens. Every cell loads the model afresh and frees it
 * afterwards, so its peak memory is its own.
 */
@Command(
    name = "sft",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Measure SFT training steps: tokens/s and peak memory of a full optimizer step (forward,"
          + " loss, backward, clipping, AdamW) for LoRA and full fine-tuning, for each mode x"
          + " batch x sequence length.",
      "Peak memory is the cell's growth over its start: the CUDA allocator's peak on a GPU, the"
          + " process's peak resident set (VmHWM) on the CPU."
    })
final class BenchSftCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "Hugging Face model directory (config.json and safetensors) to fine-tune.")
  Path modelDir;

  @Option(
      names = "--device",
      defaultValue = "auto",
      paramLabel = "DEVICE",
      description = "cpu, cuda, cuda:N, or auto (CUDA when available).")
  String device;

  @Option(
      names = "--mode",
      split = ",",
      defaultValue = "lora,full",
      paramLabel = "M[,M...]",
      description = "Fine-tuning modes to measure: lora, full.")
  List<String> modes;

  @Option(
      names = "--batch",
      split = ",",
      defaultValue = "1,4",
      paramLabel = "B[,B...]",
      description = "Batch sizes (rows per step), comma-separated.")
  List<Integer> batches;

  @Option(
      names = "--seq",
      split = ",",
      defaultValue = "128,512",
      paramLabel = "T[,T...]",
      description = "Sequence lengths (tokens per row), comma-separated.")
  List<Integer> lengths;

  @Option(
      names = "--steps",
      defaultValue = "3",
      paramLabel = "N",
      description = "Timed steps per cell; the median is reported.")
  int steps;

  @Option(
      names = "--warmup",
      defaultValue = "1",
      paramLabel = "N",
      description = "Untimed steps per cell before measuring (they count towards peak memory).")
  int warmup;

  @Option(
      names = "--lora-rank",
      defaultValue = "8",
      paramLabel = "R",
      description = "LoRA rank (alpha = 2R, all-linear targets, as train sft's defaults).")
  int loraRank;

  @Option(
      names = "--bf16",
      description =
          "Mixed precision as train sft's bf16 key: bf16 autocast over float32 trained weights;"
              + " on CUDA a LoRA base is held in bf16.")
  boolean bf16;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Seed of the random tokens and the LoRA initialization.")
  long seed;

  @Option(names = "--json", description = "Print one JSON object per cell instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    List<SftOptimizerStep.Mode> parsedModes = validate();
    PrintWriter out = spec.commandLine().getOut();
    Torch.init();
    CheckpointDirectory.requireModelDir(modelDir);
    ModelConfig config = ModelConfigJson.read(modelDir.resolve(CheckpointDirectory.CONFIG));
    int longest = lengths.stream().mapToInt(Integer::intValue).max().orElseThrow();
    if (longest > config.maxPositionEmbeddings()) {
      throw new BrandtuneException(
          "--seq " + longest + " exceeds the model's context of " + config.maxPositionEmbeddings());
    }
    Device on = Devices.parse(device);
    if (!json) {
      out.printf(
          Locale.ROOT,
          "model %s on %s (%s), AdamW step, median of %d step(s) after %d warm-up%n",
          modelDir,
          Devices.name(on),
          bf16 ? "bf16 autocast" : "float32",
          steps,
          warmup);
      out.printf(
          Locale.ROOT,
          "%-5s  %5s  %5s  %12s  %10s  %12s  %10s  %8s%n",
          "mode",
          "batch",
          "seq",
          "trained",
          "ms/step",
          "tokens/s",
          "peak MiB",
          "loss");
      out.flush();
    }
    prime(on, parsedModes.get(0), config.vocabSize());
    for (SftOptimizerStep.Mode mode : parsedModes) {
      for (int batch : batches) {
        for (int seq : lengths) {
          SftBenchResult r = measure(on, mode, batch, seq, config.vocabSize());
          print(out, on, r);
        }
      }
    }
    return CommandLine.ExitCode.OK;
  }

  private SftBenchResult measure(
      Device on, SftOptimizerStep.Mode mode, int batch, int seq, int vocabSize) {
    // the previous cell's Java-side garbage goes before the baseline is read
    System.gc();
    PeakMemory memory = PeakMemory.forDevice(on);
    memory.start();
    RandomTokens tokens = new RandomTokens(seed, vocabSize);
    try (SftOptimizerStep step = SftOptimizerStep.load(modelDir, on, mode, loraRank, bf16, seed)) {
      for (int i = 0; i < warmup; i++) {
        step.run(randomBatch(tokens, batch, seq));
        memory.sample();
      }
      double[] seconds = new double[steps];
      double loss = Double.NaN;
      for (int i = 0; i < steps; i++) {
        SftBatch b = randomBatch(tokens, batch, seq);
        long start = System.nanoTime();
        loss = step.run(b);
        seconds[i] = (System.nanoTime() - start) / 1e9;
        memory.sample();
      }
      OptionalLong peak = memory.peakBytes();
      return new SftBenchResult(
          mode.label(),
          batch,
          seq,
          step.trainableParameters(),
          steps,
          Stopwatch.median(seconds),
          peak,
          memory.source(),
          loss);
    }
  }

  /**
   * One unreported step at the smallest shape, so that one-time costs (libtorch's lazy
   * initialization, thread pools, JIT compilation) land in no cell's time or memory.
   */
  private void prime(Device on, SftOptimizerStep.Mode mode, int vocabSize) {
    int seq = lengths.stream().mapToInt(Integer::intValue).min().orElseThrow();
    try (SftOptimizerStep step = SftOptimizerStep.load(modelDir, on, mode, loraRank, bf16, seed)) {
      step.run(randomBatch(new RandomTokens(seed, vocabSize), 1, seq));
    }
  }

  /** Random rows, every token labelled, none padded: the most work a batch of this shape holds. */
  private static SftBatch randomBatch(RandomTokens tokens, int batch, int seq) {
    List<SftExample> rows = new ArrayList<>(batch);
    for (long[] ids : tokens.rows(batch, seq)) {
      rows.add(new SftExample(ids, ids.clone(), "random"));
    }
    return new SftCollator(0).padded(rows);
  }

  private void print(PrintWriter out, Device on, SftBenchResult r) {
    if (json) {
      ObjectNode n = Json.object();
      n.put("benchmark", "sft");
      n.put("model", modelDir.toString());
      n.put("device", Devices.name(on));
      n.put("bf16", bf16);
      n.setAll(r.toJson());
      out.println(Json.line(n));
    } else {
      out.printf(
          Locale.ROOT,
          "%-5s  %5d  %5d  %12d  %10.1f  %12.1f  %10s  %8.4f%n",
          r.mode(),
          r.batch(),
          r.seq(),
          r.trainableParameters(),
          r.secondsPerStep() * 1000,
          r.tokensPerSecond(),
          r.peakMemoryBytes().isPresent()
              ? String.format(Locale.ROOT, "%.1f", r.peakMemoryMib())
              : "n/a",
          r.lastLoss());
    }
    out.flush();
  }

  private List<SftOptimizerStep.Mode> validate() {
    CommandLine cmd = spec.commandLine();
    if (batches.isEmpty() || batches.stream().anyMatch(b -> b < 1)) {
      throw new CommandLine.ParameterException(cmd, "--batch: each must be at least 1");
    }
    if (lengths.isEmpty() || lengths.stream().anyMatch(t -> t < 2)) {
      throw new CommandLine.ParameterException(
          cmd, "--seq: each must be at least 2 (one input and one target token)");
    }
    if (steps < 1 || warmup < 0 || loraRank < 1) {
      throw new CommandLine.ParameterException(
          cmd, "--steps and --lora-rank must be >= 1 and --warmup >= 0");
    }
    List<SftOptimizerStep.Mode> parsed = new ArrayList<>();
    for (String m : modes) {
      SftOptimizerStep.Mode mode = SftOptimizerStep.Mode.parse(m, "--mode");
      if (!parsed.contains(mode)) {
        parsed.add(mode);
      }
    }
    return parsed;
  }
}

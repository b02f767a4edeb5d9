package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.model.RewardModel;
import ai.brandtune.model.RewardModelCheckpoint;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import ai.brandtune.tensor.Torch;
import ai.brandtune.train.reward.RewardGroups;
import ai.brandtune.train.reward.RewardLoss;
import ai.brandtune.train.reward.RewardModelLoader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune bench rm}: reward-model training and scoring throughput. */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Measure reward-model throughput on random tokens: a training step (chosen and rejected"
          + " rows in one forward pass, Bradley-Terry loss, backward through every weight) in"
          + " pairs/s and tokens/s, and scoring (forward only) in copies/s and tokens/s.",
      "No optimizer update is included. A causal LM gets a fresh head."
    })
final class BenchRmCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "A causal LM or reward model directory, or a reward-model LoRA adapter.")
  Path dir;

  @Option(
      names = "--device",
      defaultValue = "auto",
      paramLabel = "DEVICE",
      description = "cpu, cuda, cuda:N, or auto (CUDA when available).")
  String device;

  @Option(
      names = "--dtype",
      defaultValue = "auto",
      paramLabel = "DTYPE",
      description = "float32, bfloat16, float16, or auto (float32 on CPU, bfloat16 on CUDA).")
  String dtype;

  @Option(
      names = "--batch",
      defaultValue = "4",
      paramLabel = "B",
      description = "Preference examples per step.")
  int batch;

  @Option(
      names = "--rejected",
      defaultValue = "1",
      paramLabel = "K",
      description = "Rejected copies per example (rows per step: B x (1 + K)).")
  int rejected;

  @Option(names = "--seq", defaultValue = "128", paramLabel = "T", description = "Tokens per row.")
  int seq;

  @Option(names = "--steps", defaultValue = "5", paramLabel = "N", description = "Timed steps.")
  int steps;

  @Option(
      names = "--warmup",
      defaultValue = "1",
      paramLabel = "N",
      description = "Untimed steps before measuring.")
  int warmup;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Seed of the random tokens and of a fresh head.")
  long seed;

  @Option(names = "--json", description = "Print the result as one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() {
    if (batch < 1 || rejected < 1 || seq < 2 || steps < 1 || warmup < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--batch, --rejected and --steps must be >= 1, --seq >= 2 and --warmup >= 0");
    }
    Torch.init();
    Device on = Devices.parse(device);
    ScalarType precision = Dtypes.parse(dtype, on, "--dtype");
    RewardModel model =
        Files.isRegularFile(dir.resolve(CheckpointDirectory.CONFIG))
            ? RewardModelCheckpoint.fromPretrained(dir, on, precision, seed, null)
            : RewardModelLoader.load(dir, on, precision).model();
    if (seq > model.config().maxPositionEmbeddings()) {
      throw new BrandtuneException(
          "--seq "
              + seq
              + " exceeds the model's context of "
              + model.config().maxPositionEmbeddings());
    }
    int rows = batch * (1 + rejected);
    RandomTokens tokens = new RandomTokens(seed, model.config().vocabSize());
    Step step = new Step(model, batch, rejected);

    for (int i = 0; i < warmup; i++) {
      step.train(tokens.rows(rows, seq));
      step.score(tokens.rows(rows, seq));
    }
    double[] trainSeconds = new double[steps];
    double[] scoreSeconds = new double[steps];
    float loss = Float.NaN;
    for (int i = 0; i < steps; i++) {
      long[][] ids = tokens.rows(rows, seq);
      long start = System.nanoTime();
      loss = step.train(ids);
      trainSeconds[i] = (System.nanoTime() - start) / 1e9;
      scoreSeconds[i] = Stopwatch.seconds(() -> step.score(ids));
    }
    double train = Stopwatch.median(trainSeconds);
    double score = Stopwatch.median(scoreSeconds);
    double pairsPerSecond = batch * (double) rejected / train;
    double trainTokens = rows * (double) seq / train;
    double copiesPerSecond = rows / score;
    double scoreTokens = rows * (double) seq / score;
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode n = Json.object();
      n.put("benchmark", "rm");
      n.put("model", dir.toString());
      n.put("device", Devices.name(on));
      n.put("dtype", Dtypes.name(precision));
      n.put("parameters", model.config().parameterCount());
      n.put("batch", batch);
      n.put("rejected", rejected);
      n.put("seq", seq);
      n.put("steps", steps);
      n.put("train_seconds_per_step", train);
      n.put("train_pairs_per_second", pairsPerSecond);
      n.put("train_tokens_per_second", trainTokens);
      n.put("score_copies_per_second", copiesPerSecond);
      n.put("score_tokens_per_second", scoreTokens);
      n.put("last_loss", loss);
      out.println(Json.line(n));
    } else {
      out.printf(
          Locale.ROOT,
          "model %s on %s (%s), %d examples x (1 + %d) rows x seq %d, median of %d step(s)%n",
          dir,
          Devices.name(on),
          Dtypes.name(precision),
          batch,
          rejected,
          seq,
          steps);
      out.printf(Locale.ROOT, "%-8s %10s %14s %14s%n", "", "ms/step", "pairs/s", "tokens/s");
      out.printf(
          Locale.ROOT,
          "%-8s %10.1f %14.1f %14.1f%n",
          "train",
          train * 1000,
          pairsPerSecond,
          trainTokens);
      out.printf(
          Locale.ROOT,
          "%-8s %10.1f %14s %14.1f  (%.1f copies/s)%n",
          "score",
          score * 1000,
          "-",
          scoreTokens,
          copiesPerSecond);
      out.printf(Locale.ROOT, "last loss %.4f%n", loss);
    }
    out.flush();
    return CommandLine.ExitCode.OK;
  }

  /** One reward-model step on random rows: chosen rows first, then each example's rejected. */
  private static final class Step {
    private final RewardModel model;
    private final Collection<Tensor> parameters;
    private final RewardGroups groups;
    private final RewardLoss loss = new RewardLoss(RewardLoss.Type.PAIRWISE_MEAN, 0, 0);

    Step(RewardModel model, int batch, int rejected) {
      this.model = model;
      this.parameters = model.parameters().values();
      try (PointerScope scope = new PointerScope()) {
        for (Tensor p : parameters) {
          p.set_requires_grad(true);
        }
      }
      int[] chosen = new int[batch];
      int[][] rows = new int[batch][rejected];
      for (int e = 0; e < batch; e++) {
        chosen[e] = e;
        for (int j = 0; j < rejected; j++) {
          rows[e][j] = batch + e * rejected + j;
        }
      }
      this.groups = new RewardGroups(chosen, rows, new double[batch]);
    }

    float train(long[][] ids) {
      try (PointerScope scope = new PointerScope()) {
        Tensor l = loss.sum(forward(ids), groups);
        l.backward();
        // reading the loss waits for the device, so the step's time includes all its kernels
        float value = l.item_float();
        for (Tensor p : parameters) {
          Tensor grad = p.grad();
          if (grad.defined()) {
            grad.zero_();
          }
        }
        return value;
      }
    }

    void score(long[][] ids) {
      try (PointerScope scope = new PointerScope();
          NoGradGuard g = new NoGradGuard()) {
        forward(ids).sum().item_float();
      }
    }

    private Tensor forward(long[][] ids) {
      int rows = ids.length;
      int seq = ids[0].length;
      long[][] positions = new long[rows][seq];
      for (long[] row : positions) {
        for (int t = 0; t < seq; t++) {
          row[t] = t;
        }
      }
      long[] last = new long[rows];
      Arrays.fill(last, seq - 1);
      Device d = model.device();
      return model.forward(
          Tensors.longs(ids, d), Tensors.longs(positions, d), null, Tensors.longs(last, d));
    }
  }
}

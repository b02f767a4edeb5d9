package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.model.CausalLm;
import ai.brandtune.tensor.Devices;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune bench forward}: training throughput, forward plus backward. */
@Command(
    name = "forward",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Measure training throughput: forward, next-token cross-entropy and backward on random"
          + " tokens, in tokens/s.",
      "No optimizer update is included."
    })
final class BenchForwardCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin ModelOptions model;

  @Option(names = "--batch", defaultValue = "4", paramLabel = "B", description = "Rows per step.")
  int batch;

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
      description = "Seed of the random tokens.")
  long seed;

  @Option(names = "--json", description = "Print the result as one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    CausalLm lm = model.loadWeights();
    if (seq > lm.config().maxPositionEmbeddings()) {
      throw new BrandtuneException(
          "--seq "
              + seq
              + " exceeds the model's context of "
              + lm.config().maxPositionEmbeddings());
    }
    TrainingStep step = new TrainingStep(lm);
    RandomTokens tokens = new RandomTokens(seed, lm.config().vocabSize());
    for (int i = 0; i < warmup; i++) {
      step.run(tokens.rows(batch, seq));
    }
    double[] seconds = new double[steps];
    float loss = Float.NaN;
    for (int i = 0; i < steps; i++) {
      long[][] ids = tokens.rows(batch, seq);
      long start = System.nanoTime();
      loss = step.run(ids);
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    double median = Stopwatch.median(seconds);
    double tokensPerSecond = batch * (double) seq / median;
    if (json) {
      ObjectNode n = Json.object();
      n.put("benchmark", "forward");
      n.put("model", model.dir.toString());
      n.put("device", Devices.name(lm.device()));
      n.put("dtype", Dtypes.name(lm.dtype()));
      n.put("parameters", lm.config().parameterCount());
      n.put("batch", batch);
      n.put("seq", seq);
      n.put("steps", steps);
      n.put("seconds_per_step", median);
      n.put("tokens_per_second", tokensPerSecond);
      n.put("last_loss", loss);
      out.println(Json.line(n));
    } else {
      out.printf(
          Locale.ROOT,
          "model %s on %s (%s), batch %d x seq %d, median of %d step(s)%n",
          model.dir,
          Devices.name(lm.device()),
          Dtypes.name(lm.dtype()),
          batch,
          seq,
          steps);
      out.printf(Locale.ROOT, "%12s  %20s  %10s%n", "ms/step", "fwd+bwd tokens/s", "loss");
      out.printf(Locale.ROOT, "%12.1f  %20.1f  %10.4f%n", median * 1000, tokensPerSecond, loss);
    }
    out.flush();
    return CommandLine.ExitCode.OK;
  }

  private void validate() {
    CommandLine cmd = spec.commandLine();
    if (batch < 1 || seq < 2 || steps < 1 || warmup < 0) {
      throw new CommandLine.ParameterException(
          cmd, "--batch must be >= 1, --seq >= 2, --steps >= 1 and --warmup >= 0");
    }
  }
}

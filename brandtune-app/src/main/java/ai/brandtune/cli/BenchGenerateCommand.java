package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.generate.Generation;
import ai.brandtune.generate.Generator;
import ai.brandtune.generate.SamplingParams;
import ai.brandtune.model.CausalLm;
import ai.brandtune.tensor.Devices;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brandtune bench generate}: prefill and decode throughput of batched KV-cache generation on
 * random prompts, greedy, ignoring EOS so every row runs the full length.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Measure generation throughput: prefill tokens/s (the prompt pass) and decode tokens/s"
          + " (one new token per row per step) at each batch size.",
      "Prefill is timed as a run with one new token; decode as the full run minus prefill."
    })
final class BenchGenerateCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin ModelOptions model;

  @Option(
      names = "--batch-sizes",
      split = ",",
      defaultValue = "1,8",
      paramLabel = "B[,B...]",
      description = "Batch sizes to measure, comma-separated.")
  List<Integer> batchSizes;

  @Option(
      names = "--prompt-tokens",
      defaultValue = "64",
      paramLabel = "N",
      description = "Prompt length of every row.")
  int promptTokens;

  @Option(
      names = "--new-tokens",
      defaultValue = "64",
      paramLabel = "N",
      description = "Tokens generated per row (at least 2: one prefill step, then decode steps).")
  int newTokens;

  @Option(
      names = "--warmup",
      defaultValue = "1",
      paramLabel = "N",
      description = "Untimed full runs per batch size before measuring (JIT, allocator, caches).")
  int warmup;

  @Option(
      names = "--runs",
      defaultValue = "3",
      paramLabel = "N",
      description = "Timed runs per batch size; the median is reported.")
  int runs;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Seed of the random prompt tokens.")
  long seed;

  @Option(
      names = "--json",
      description = "Print the results as one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    CausalLm lm = model.loadWeights();
    int context = lm.config().maxPositionEmbeddings();
    if (promptTokens + newTokens > context) {
      throw new BrandtuneException(
          "--prompt-tokens + --new-tokens = "
              + (promptTokens + newTokens)
              + " exceeds the model's context of "
              + context);
    }
    // no tokenizer: the text of random tokens is meaningless, and skipping it keeps timing pure
    Generator generator = new Generator(lm, ids -> "", Set.of(), 0L);
    RandomTokens tokens = new RandomTokens(seed, lm.config().vocabSize());
    if (!json) {
      out.printf(
          Locale.ROOT,
          "model %s on %s (%s), prompt %d tokens, %d new tokens, median of %d run(s)%n",
          model.dir,
          Devices.name(lm.device()),
          Dtypes.name(lm.dtype()),
          promptTokens,
          newTokens,
          runs);
      out.printf(
          Locale.ROOT,
          "%6s  %16s  %16s  %14s  %10s%n",
          "batch",
          "prefill tok/s",
          "decode tok/s",
          "ms/decode step",
          "total s");
      out.flush();
    }
    List<GenerationThroughput> results = new ArrayList<>();
    for (int batch : batchSizes) {
      GenerationThroughput r = measure(generator, Arrays.asList(tokens.rows(batch, promptTokens)));
      results.add(r);
      if (!json) {
        out.printf(
            Locale.ROOT,
            "%6d  %16.1f  %16.1f  %14.2f  %10.3f%n",
            r.batch(),
            r.prefillTokensPerSecond(),
            r.decodeTokensPerSecond(),
            r.millisPerDecodeStep(),
            r.totalSeconds());
        out.flush();
      }
    }
    if (json) {
      out.println(Json.line(toJson(lm, results)));
      out.flush();
    }
    return CommandLine.ExitCode.OK;
  }

  private GenerationThroughput measure(Generator generator, List<long[]> prompts) {
    SamplingParams full = SamplingParams.greedy(newTokens).withIgnoreEos(true);
    SamplingParams prefillOnly = full.withMaxNewTokens(1);
    for (int i = 0; i < warmup; i++) {
      generator.generate(prompts, full);
    }
    double[] prefill = new double[runs];
    double[] total = new double[runs];
    for (int i = 0; i < runs; i++) {
      prefill[i] = Stopwatch.seconds(() -> generator.generate(prompts, prefillOnly));
      total[i] = Stopwatch.seconds(() -> requireFullLength(generator.generate(prompts, full)));
    }
    return new GenerationThroughput(
        prompts.size(),
        promptTokens,
        newTokens,
        Stopwatch.median(prefill),
        Stopwatch.median(total));
  }

  /** Guards the arithmetic: throughput assumes every row produced exactly --new-tokens. */
  private void requireFullLength(List<Generation> generations) {
    for (Generation g : generations) {
      if (g.tokenIds().length != newTokens) {
        throw new IllegalStateException(
            "a row generated " + g.tokenIds().length + " tokens instead of " + newTokens);
      }
    }
  }

  private void validate() {
    CommandLine cmd = spec.commandLine();
    if (batchSizes.isEmpty() || batchSizes.stream().anyMatch(b -> b < 1)) {
      throw new CommandLine.ParameterException(cmd, "--batch-sizes: each must be at least 1");
    }
    if (promptTokens < 1) {
      throw new CommandLine.ParameterException(cmd, "--prompt-tokens must be at least 1");
    }
    if (newTokens < 2) {
      throw new CommandLine.ParameterException(
          cmd, "--new-tokens must be at least 2 (one prefill step, one decode step)");
    }
    if (warmup < 0 || runs < 1) {
      throw new CommandLine.ParameterException(cmd, "--warmup must be >= 0 and --runs >= 1");
    }
  }

  private ObjectNode toJson(CausalLm lm, List<GenerationThroughput> results) {
    ObjectNode n = Json.object();
    n.put("benchmark", "generate");
    n.put("model", model.dir.toString());
    n.put("device", Devices.name(lm.device()));
    n.put("dtype", Dtypes.name(lm.dtype()));
    n.put("parameters", lm.config().parameterCount());
    n.put("runs", runs);
    ArrayNode rows = n.putArray("results");
    results.forEach(r -> rows.add(r.toJson()));
    return n;
  }
}

package ai.brandtune.cli;

import ai.brandtune.model.Architecture;
import ai.brandtune.model.ModelConfig;
import ai.brandtune.model.ModelCreator;
import ai.brandtune.tensor.Devices;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brandtune init-model}: writes a freshly initialized model as a Hugging Face checkpoint,
 * the starting point for pretraining-free experiments and for tests and benchmarks.
 */
@Command(
    name = "init-model",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Create a randomly initialized model (Hugging Face layout, tokenizer included) from a"
            + " preset or a config.json.")
final class InitModelCommand implements Callable<Integer> {
  private static final String DEFAULT_PRESET = "tiny";

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "DIR",
      description = "Directory to write the checkpoint into (replaced atomically).")
  Path output;

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      completionCandidates = PresetNames.class,
      description =
          "Model shape: ${COMPLETION-CANDIDATES}. Default: "
              + DEFAULT_PRESET
              + ", unless --config is given.")
  String preset;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "An HF config.json giving the shape instead of a preset.")
  Path config;

  @Option(
      names = "--arch",
      paramLabel = "ARCH",
      description =
          "Architecture of a preset model: qwen3, qwen2 or llama. Default: qwen3."
              + " (With --config, the file's model_type decides.)")
  String arch;

  @Option(
      names = "--tokenizer",
      paramLabel = "DIR",
      description =
          "Directory with tokenizer.json/tokenizer_config.json to ship with the model."
              + " Default: the built-in byte-level tokenizer with a ChatML template.")
  Path tokenizer;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "N",
      description = "Seed of the weight initialization.")
  long seed;

  @Option(
      names = "--dtype",
      defaultValue = "float32",
      paramLabel = "DTYPE",
      description = "Precision of the saved weights: float32 or bfloat16.")
  String dtype;

  @Override
  public Integer call() {
    if (preset != null && config != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--preset and --config exclude each other: give one");
    }
    if (arch != null && config != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--arch applies to presets; with --config the file's model_type decides");
    }
    String shape = config == null && preset == null ? DEFAULT_PRESET : preset;
    Architecture architecture =
        config != null ? null : arch != null ? Architecture.parse(arch) : Architecture.QWEN3;
    ModelConfig made =
        ModelCreator.create(
            new ModelCreator.Spec(
                shape,
                config,
                architecture,
                tokenizer,
                seed,
                Dtypes.parse(dtype, Devices.cpu(), "--dtype"),
                output));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "created %s model (%s) in %s%n",
        made.architecture().modelType(),
        shape != null ? "preset " + shape : "config " + config,
        output.toAbsolutePath().normalize());
    out.printf(
        Locale.ROOT,
        "  parameters: %,d (%s)%n",
        made.parameterCount(),
        humanCount(made.parameterCount()));
    out.printf(Locale.ROOT, "  vocab size: %d%n", made.vocabSize());
    out.printf(
        Locale.ROOT,
        "  layers: %d, hidden: %d, heads: %d (kv %d), context: %d, dtype: %s%n",
        made.numHiddenLayers(),
        made.hiddenSize(),
        made.numAttentionHeads(),
        made.numKeyValueHeads(),
        made.maxPositionEmbeddings(),
        dtype);
    out.flush();
    return CommandLine.ExitCode.OK;
  }

  private static String humanCount(long n) {
    if (n >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.2fB", n / 1e9);
    }
    if (n >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.2fM", n / 1e6);
    }
    return String.format(Locale.ROOT, "%.1fK", n / 1e3);
  }

  /** Preset names for help text and shell completion, from the one list in core. */
  static final class PresetNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return ai.brandtune.model.ModelPresets.names().iterator();
    }
  }
}

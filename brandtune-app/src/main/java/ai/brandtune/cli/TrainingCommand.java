package ai.brandtune.cli;

import ai.brandtune.train.ConfigFile;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainingConfig;
import ai.brandtune.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code brandtune train} verb does around its trainer: reads the YAML config with
 * {@code --set} overrides ({@code --resume} is {@code resume_from_checkpoint=auto}), trains with
 * Ctrl-C saving a checkpoint (exit 130), and prints one summary line. A verb names its config type,
 * runs its trainer, and may describe its evaluation differently.
 *
 * @param <C> the algorithm's config
 * @param <R> what its trainer returns
 */
abstract class TrainingCommand<C extends Record & TrainingConfig, R> implements Callable<Integer> {
  /** Exit status after a Ctrl-C that saved a checkpoint, as shells report SIGINT. */
  static final int STOPPED = 130;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML config (see docs/training.md). Optional when --set gives every key.")
  Path config;

  // a verb's resource bundle may give its own example under the key "set"
  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      descriptionKey = "set",
      description = "Override a config key, e.g. --set max_steps=100 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--resume",
      description = "Continue from the newest valid checkpoint in output_dir.")
  boolean resume;

  /** The config record this verb reads. */
  abstract Class<C> configType();

  /** Runs the trainer. */
  abstract R train(C config, StopSignal stop);

  /** The shared loop's part of the trainer's result. */
  abstract TrainingResult training(R result);

  /** The summary's evaluation part, e.g. {@code ", eval loss 0.1234"}, or empty. */
  String evaluation(R result) {
    double loss = training(result).evalLoss();
    return Double.isNaN(loss) ? "" : String.format(Locale.ROOT, ", eval loss %.4f", loss);
  }

  @Override
  public Integer call() {
    List<String> all = new ArrayList<>(overrides);
    if (resume) {
      all.add("resume_from_checkpoint=auto");
    }
    C settings = ConfigFile.read(config, all, configType());
    PrintWriter out = spec.commandLine().getOut();
    R result;
    try (StopSignal stop = StopSignal.onInterrupt()) {
      result = train(settings, stop);
    }
    TrainingResult training = training(result);
    if (training.stopped()) {
      out.printf(
          Locale.ROOT,
          "stopped at step %d/%d; checkpoint %s (continue with --resume)%n",
          training.globalStep(),
          training.totalSteps(),
          training.lastCheckpoint());
      return STOPPED;
    }
    out.printf(
        Locale.ROOT,
        "trained %d steps; final loss %.4f%s; model in %s%n",
        training.globalStep(),
        training.stepLosses().isEmpty()
            ? Double.NaN
            : training.stepLosses().get(training.stepLosses().size() - 1),
        evaluation(result),
        settings.loop().outputDir());
    return 0;
  }
}

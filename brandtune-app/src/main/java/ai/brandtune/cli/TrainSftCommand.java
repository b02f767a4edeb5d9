package ai.brandtune.cli;

import ai.brandtune.train.ConfigFile;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainingResult;
import ai.brandtune.train.sft.SftConfig;
import ai.brandtune.train.sft.SftTrainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brandtune train sft}: supervised fine-tuning from a YAML config (keys as TRL and
 * LLaMA-Factory name them, all documented in docs/training.md), resumable, Ctrl-C safe.
 */
@Command(
    name = "sft",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Supervised fine-tuning (LoRA or full) on chat JSONL. Ctrl-C saves a checkpoint;"
            + " --resume continues from the newest one.")
final class TrainSftCommand implements Callable<Integer> {
  /** Exit status after a Ctrl-C that saved a checkpoint, as shells report SIGINT. */
  static final int STOPPED = 130;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML config (see docs/training.md). Optional when --set gives every key.")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a config key, e.g. --set max_steps=100 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--resume",
      description = "Continue from the newest valid checkpoint in output_dir.")
  boolean resume;

  @Override
  public Integer call() {
    List<String> all = new ArrayList<>(overrides);
    if (resume) {
      all.add("resume_from_checkpoint=auto");
    }
    SftConfig sft = ConfigFile.read(config, all, SftConfig.class);
    PrintWriter out = spec.commandLine().getOut();
    TrainingResult result;
    try (StopSignal stop = StopSignal.onInterrupt()) {
      result = SftTrainer.run(sft, stop);
    }
    if (result.stopped()) {
      out.printf(
          Locale.ROOT,
          "stopped at step %d/%d; checkpoint %s (continue with --resume)%n",
          result.globalStep(),
          result.totalSteps(),
          result.lastCheckpoint());
      return STOPPED;
    }
    out.printf(
        Locale.ROOT,
        "trained %d steps; final loss %.4f%s; model in %s%n",
        result.globalStep(),
        result.stepLosses().isEmpty()
            ? Double.NaN
            : result.stepLosses().get(result.stepLosses().size() - 1),
        Double.isNaN(result.evalLoss())
            ? ""
            : String.format(Locale.ROOT, ", eval loss %.4f", result.evalLoss()),
        sft.outputDir());
    return 0;
  }
}

package ai.brandtune.cli;

import ai.brandtune.train.ConfigFile;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainingResult;
import ai.brandtune.train.dpo.DpoConfig;
import ai.brandtune.train.dpo.DpoTrainer;
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
 * {@code brandtune train dpo}: direct preference optimization from a YAML config (TRL's DPO keys,
 * all documented in docs/training.md), resumable, Ctrl-C safe.
 */
@Command(
    name = "dpo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Direct preference optimization (LoRA or full) on preference JSONL"
            + " (prompt, chosen, rejected). Ctrl-C saves a checkpoint; --resume continues from"
            + " the newest one.")
final class TrainDpoCommand implements Callable<Integer> {
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
    DpoConfig dpo = ConfigFile.read(config, all, DpoConfig.class);
    PrintWriter out = spec.commandLine().getOut();
    TrainingResult result;
    try (StopSignal stop = StopSignal.onInterrupt()) {
      result = DpoTrainer.run(dpo, stop);
    }
    if (result.stopped()) {
      out.printf(
          Locale.ROOT,
          "stopped at step %d/%d; checkpoint %s (continue with --resume)%n",
          result.globalStep(),
          result.totalSteps(),
          result.lastCheckpoint());
      return TrainSftCommand.STOPPED;
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
        dpo.outputDir());
    return 0;
  }
}

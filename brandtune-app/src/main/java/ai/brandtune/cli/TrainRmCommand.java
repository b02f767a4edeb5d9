package ai.brandtune.cli;

import ai.brandtune.train.ConfigFile;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainingResult;
import ai.brandtune.train.reward.RewardConfig;
import ai.brandtune.train.reward.RewardEvaluation;
import ai.brandtune.train.reward.RewardTrainer;
import ai.brandtune.train.reward.RewardTrainingResult;
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
 * {@code brandtune train rm}: reward-model training from a YAML config (TRL RewardConfig keys, all
 * documented in docs/training.md), resumable, Ctrl-C safe.
 */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Train a reward model (Bradley-Terry, or one-vs-many: softmax, hardest_negative) on"
          + " preference JSONL, LoRA or full. Saves a *ForSequenceClassification checkpoint or a"
          + " PEFT SEQ_CLS adapter.",
      "Ctrl-C saves a checkpoint; --resume continues from the newest one."
    })
final class TrainRmCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML config (see docs/training.md). Optional when --set gives every key.")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a config key, e.g. --set loss_type=softmax (repeatable).")
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
    RewardConfig rm = ConfigFile.read(config, all, RewardConfig.class);
    PrintWriter out = spec.commandLine().getOut();
    RewardTrainingResult result;
    try (StopSignal stop = StopSignal.onInterrupt()) {
      result = RewardTrainer.run(rm, stop);
    }
    TrainingResult training = result.training();
    if (training.stopped()) {
      out.printf(
          Locale.ROOT,
          "stopped at step %d/%d; checkpoint %s (continue with --resume)%n",
          training.globalStep(),
          training.totalSteps(),
          training.lastCheckpoint());
      return TrainSftCommand.STOPPED;
    }
    RewardEvaluation.Report eval = result.evaluation();
    out.printf(
        Locale.ROOT,
        "trained %d steps; final loss %.4f%s; model in %s%n",
        training.globalStep(),
        training.stepLosses().isEmpty()
            ? Double.NaN
            : training.stepLosses().get(training.stepLosses().size() - 1),
        eval == null
            ? ""
            : String.format(
                Locale.ROOT,
                ", eval accuracy %.4f (best-of-K %.4f, margin %.3f)",
                eval.accuracy(),
                eval.bestOfKAccuracy(),
                eval.margin()),
        rm.outputDir());
    return 0;
  }
}

package ai.brandtune.cli;

import ai.brandtune.eval.EvalConfig;
import ai.brandtune.eval.EvalResult;
import ai.brandtune.eval.EvalRun;
import ai.brandtune.train.ConfigFile;
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

/** {@code brandtune eval}: generate with each model on the validation prompts, judge, report. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Evaluate models (golden copies, checkpoints, checkpoints + adapters) on validation prompts"
          + " with offline judges and an LLM judge; writes results.jsonl, results.csv and a report"
          + " (keys of --config in docs/evaluation.md).",
    },
    subcommands = {EvalJudgeCheckCommand.class})
final class EvalCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "eval.yaml (see docs/evaluation.md).")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override an eval.yaml key, e.g. --set max_prompts=20 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    if (config == null && overrides.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give --config eval.yaml (or run eval judge-check)");
    }
    EvalConfig c = ConfigFile.read(config, overrides, EvalConfig.class);
    EvalResult r = EvalRun.run(c, new CheckpointModels());
    PrintWriter out = spec.commandLine().getOut();
    for (EvalResult.ModelSummary s : r.models().values()) {
      StringBuilder line = new StringBuilder(s.model()).append(':');
      s.meanByJudge().forEach((j, v) -> line.append(String.format(Locale.ROOT, " %s %.3f", j, v)));
      if (s.failed() > 0) {
        line.append(" (").append(s.failed()).append(" failed judgments)");
      }
      out.println(line);
    }
    out.println("results: " + r.results());
    out.println("report: " + r.report());
    out.flush();
    return CommandLine.ExitCode.OK;
  }
}

package ai.brandtune.cli;

import ai.brandtune.pipeline.Pipeline;
import ai.brandtune.pipeline.PipelineContext;
import ai.brandtune.pipeline.PipelineStages;
import ai.brandtune.pipeline.Project;
import ai.brandtune.train.StopSignal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brandtune pipeline}: every stage from brand kit to report in {@code runs/<name>/},
 * skipping the stages that are up to date and resuming an interrupted one. Without {@code --config}
 * it runs the built-in default (built-in kit, golden corpus, the built-in tiny model), offline.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Run the stages data -> pretrain (built-in tiny model only) -> sft -> rm -> ... in"
          + " runs/<name>/<stage>/, each with config.yaml and manifest.json.",
      "A stage whose config and inputs are unchanged and whose outputs are complete is skipped;"
          + " a changed stage reruns with every later one; an interrupted stage resumes from its"
          + " last checkpoint. Ctrl-C saves a checkpoint and stops (exit 130).",
      "Without --config: the built-in default, offline (see docs/pipeline.md)."
    })
final class PipelineCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "project.yaml (see docs/pipeline.md); default: the built-in default project.")
  Path config;

  @Option(
      names = "--run",
      paramLabel = "NAME",
      description = "Run name, the directory under --runs-dir. Default: the project's name.")
  String run;

  @Option(
      names = "--runs-dir",
      paramLabel = "DIR",
      defaultValue = "runs",
      description = "Where runs live.")
  Path runsDir;

  @Option(
      names = "--from",
      paramLabel = "STAGE",
      description = "Rerun this stage and every later one (earlier ones must be complete).")
  String from;

  @Option(
      names = "--only",
      paramLabel = "STAGE",
      description = "Run this stage alone (the stages it reads must be complete).")
  String only;

  @Option(
      names = "--quick",
      description = "Few training steps: a smoke run (minutes on a laptop CPU).")
  boolean quick;

  @Override
  public Integer call() {
    Project project =
        config == null ? Project.defaults() : Project.load(config, PipelineStages.names());
    String name = run != null ? run : project.name();
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--run " + name + ": use letters, digits, '.', '_' or '-'");
    }
    PipelineContext context = new PipelineContext(project, runsDir.resolve(name), quick);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "pipeline "
            + context.runDir()
            + " ("
            + (config == null ? "built-in default" : config.toString())
            + (quick ? ", quick" : "")
            + ")");
    out.flush();
    long started = System.nanoTime();
    Pipeline.Result result;
    try (StopSignal stop = StopSignal.onInterrupt()) {
      result =
          new Pipeline(PipelineStages.all())
              .run(
                  context,
                  new Pipeline.Options(from, only),
                  stop,
                  line -> {
                    out.println(line);
                    out.flush();
                  });
    }
    if (result.stopped()) {
      out.println("stopped; rerun the same command to resume");
      out.flush();
      return TrainingCommand.STOPPED;
    }
    out.printf(
        java.util.Locale.ROOT,
        "done in %.1fs; %s%n",
        (System.nanoTime() - started) / 1e9,
        result.report() != null
            ? "report: " + result.report()
            : "no report stage in this run, stage outputs in " + context.runDir());
    out.flush();
    return CommandLine.ExitCode.OK;
  }
}

package ai.brandtune.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code brandtune} top command. Build it with {@link #commandLine()}, which adds the error
 * handling every verb relies on: user errors print one {@code error: ...} line, not a stack trace.
 */
@Command(
    name = "brandtune",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = "Post-train and run brand copywriting LLMs on libtorch.",
    subcommands = {
      InitModelCommand.class,
      MergeCommand.class,
      GenerateCommand.class,
      ChatCommand.class,
      ScoreCommand.class,
      DoctorCommand.class,
      BenchCommand.class,
      TrainCommand.class,
      BrandCommand.class,
      RmCommand.class,
      DataCommand.class,
      EvalCommand.class,
      ReportCommand.class,
      ServeCommand.class,
      PipelineCommand.class,
      InitCommand.class,
      CommandLine.HelpCommand.class
    })
public final class BrandtuneCli implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  // Read from the parse result (see Verbosity) rather than this field, so that it works after a
  // subcommand too (`brandtune generate ... --verbose`), where picocli sets an inherited copy.
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces on errors and debug logging.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The top command with brandtune's error handling and logging setup. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BrandtuneCli());
    ErrorReporter errors = new ErrorReporter();
    cli.setParameterExceptionHandler(errors);
    cli.setExecutionExceptionHandler(errors);
    cli.setExecutionStrategy(
        parseResult -> {
          if (Verbosity.requested(parseResult)) {
            Verbosity.enableDebugLogging();
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    return cli;
  }

  /** Without a subcommand: show what there is to run, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }
}

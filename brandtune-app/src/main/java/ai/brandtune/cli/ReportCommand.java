package ai.brandtune.cli;

import ai.brandtune.report.ReportWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code brandtune report}: the Markdown + HTML report of eval results, with charts. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Write report.md, report.html and PNG charts from eval results (results.jsonl of brandtune"
            + " eval); several files are pooled; --diff adds a comparison with another run.")
final class ReportCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "results.jsonl files.")
  List<Path> results = new ArrayList<>();

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Report directory.")
  Path out;

  @Option(
      names = "--diff",
      paramLabel = "OTHER",
      description = "results.jsonl of an earlier run to diff against (repeatable).")
  List<Path> diff = new ArrayList<>();

  @Override
  public Integer call() {
    Path html = ReportWriter.write(results, out, diff);
    spec.commandLine().getOut().println("report: " + html);
    spec.commandLine().getOut().flush();
    return CommandLine.ExitCode.OK;
  }
}

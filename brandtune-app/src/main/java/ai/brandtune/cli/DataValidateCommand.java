package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.synth.DataProblem;
import ai.brandtune.synth.ValidateStage;
import ai.brandtune.synth.ValidationReport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune data validate}: schema and cross-reference checks of a run directory. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Check every data file in --out: record shapes, products and content types of the kit,"
          + " well-formed prompts, disjoint splits, dataset_info.json and the verl Parquet files.",
      "Prints each problem as file:line: message; exits 1 when there are errors."
    })
final class DataValidateCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin DataOptions data;

  @Option(names = "--warnings", description = "Also print each warning.")
  boolean showWarnings;

  @Override
  public Integer call() {
    ValidationReport report = new ValidateStage(data.config()).check(data.out);
    PrintWriter out = spec.commandLine().getOut();
    if (data.json) {
      ObjectNode o = Json.object();
      o.put("ok", report.ok());
      ObjectNode files = o.putObject("files");
      report.files().forEach(files::put);
      var problems = o.putArray("problems");
      for (DataProblem p : report.problems()) {
        ObjectNode po = problems.addObject();
        po.put("severity", p.isError() ? "error" : "warning");
        po.put("where", p.where());
        po.put("message", p.message());
      }
      out.println(Json.line(o));
    } else {
      report.files().forEach((file, records) -> out.println(file + ": " + records));
      for (DataProblem p : report.errors()) {
        out.println("error: " + p);
      }
      if (showWarnings) {
        for (DataProblem p : report.warnings()) {
          out.println("warning: " + p);
        }
      }
      out.println(
          report.errors().size()
              + " error(s), "
              + report.warnings().size()
              + " warning(s)"
              + (report.warnings().isEmpty() || showWarnings ? "" : " (--warnings lists them)"));
    }
    out.flush();
    if (!report.ok()) {
      throw new BrandtuneException(data.out + ": " + report.errors().size() + " data error(s)");
    }
    return CommandLine.ExitCode.OK;
  }
}

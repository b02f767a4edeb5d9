package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.KitProblem;
import ai.brandtune.brand.corpus.KitValidator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune brand validate}: the kit's files and corpora, checked against each other. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Validate a brand kit: schemas and cross-references of the YAML files, coverage, golden and"
          + " preference records (ids, prompts equal to the prompt builder's, brand rules on every"
          + " golden and chosen copy).",
      "Prints each problem as file:line: message; exits 1 when there are errors."
    })
final class BrandValidateCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin KitOptions kit;

  @Option(names = "--warnings", description = "Also print each rule warning (heuristic findings).")
  boolean showWarnings;

  @Override
  public Integer call() {
    KitValidator.Report report = KitValidator.validate(kit.source());
    PrintWriter out = spec.commandLine().getOut();
    for (String line : report.summary()) {
      out.println(line);
    }
    for (KitProblem p : report.errors()) {
      out.println("error: " + p);
    }
    if (showWarnings) {
      for (KitProblem p : report.warnings()) {
        out.println("warning: " + p);
      }
    }
    out.println(
        report.errors().size()
            + " error(s), "
            + report.warnings().size()
            + " warning(s)"
            + (report.warnings().isEmpty() || showWarnings ? "" : " (--warnings lists them)"));
    out.flush();
    if (!report.ok()) {
      throw new BrandtuneException(
          "brand kit " + kit.source().name() + " has " + report.errors().size() + " error(s)");
    }
    return CommandLine.ExitCode.OK;
  }
}

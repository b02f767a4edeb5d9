package ai.brandtune.cli;

import ai.brandtune.brand.corpus.PromptFiller;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune brand fill-prompts}: assemble golden drafts and refresh stored prompts. */
@Command(
    name = "fill-prompts",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Assemble golden.jsonl from golden/part-N.jsonl drafts (or reread golden.jsonl when there are"
          + " none), sort it by product and content type, and set every record's prompt to the"
          + " prompt builder's output; refresh the prompts of preference_eval.jsonl too.",
      "Run it after editing brand.yaml, content_types.yaml or products.yaml."
    })
final class BrandFillPromptsCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--kit",
      required = true,
      paramLabel = "DIR",
      description = "Brand kit directory to update in place.")
  Path dir;

  @Option(
      names = "--delete-parts",
      description = "Delete golden/part-*.jsonl after assembling them into golden.jsonl.")
  boolean deleteParts;

  @Override
  public Integer call() {
    PromptFiller.Summary s = PromptFiller.fill(dir, deleteParts);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "golden.jsonl: "
            + s.goldenRecords()
            + " records"
            + (s.goldenParts() > 0 ? " from " + s.goldenParts() + " draft part(s)" : "")
            + (s.partsDeleted() ? " (drafts deleted)" : ""));
    out.println("preference_eval.jsonl: " + s.preferenceRecords() + " records");
    out.flush();
    return CommandLine.ExitCode.OK;
  }
}

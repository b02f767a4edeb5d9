package ai.brandtune.cli;

import ai.brandtune.synth.CleanStage;
import ai.brandtune.synth.GenerateStage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune data clean}: rule-based and LLM cleaning passes. */
@Command(
    name = "clean",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Clean generated copies by rules (and LLM passes with a teacher) into cleaned.jsonl;"
            + " copies still failing the brand checks go to clean_excluded.jsonl.")
final class DataCleanCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin DataOptions data;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description = "Copies to clean (JSONL); default: generated.jsonl in --out.")
  Path input;

  @Override
  public Integer call() {
    Path in = input != null ? input : data.out.resolve(GenerateStage.OUTPUT);
    data.print(spec.commandLine().getOut(), CleanStage.run(data.config(), in, data.out));
    return CommandLine.ExitCode.OK;
  }
}

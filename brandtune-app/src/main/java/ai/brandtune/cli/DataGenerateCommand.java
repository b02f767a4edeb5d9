package ai.brandtune.cli;

import ai.brandtune.synth.GenerateStage;
import ai.brandtune.synth.SynthConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune data generate}: a copy per product and content type. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Write generated.jsonl: one copy per product and content type, from the teacher LLM, or"
            + " from the kit's golden corpus when no teacher is configured. A killed run resumes"
            + " without asking the teacher again.")
final class DataGenerateCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin DataOptions data;

  @Option(
      names = "--products",
      split = ",",
      paramLabel = "ID",
      description = "Product ids to generate for, comma-separated (config: products).")
  List<String> products;

  @Option(
      names = "--types",
      split = ",",
      paramLabel = "ID",
      description = "Content type ids, comma-separated (config: content_types).")
  List<String> types;

  @Override
  public Integer call() {
    SynthConfig.Builder config = data.config().toBuilder();
    if (products != null) {
      config.products(products);
    }
    if (types != null) {
      config.contentTypes(types);
    }
    data.print(spec.commandLine().getOut(), GenerateStage.run(config.build(), data.out));
    return CommandLine.ExitCode.OK;
  }
}

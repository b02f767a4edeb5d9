package ai.brandtune.cli;

import ai.brandtune.synth.SplitStage;
import ai.brandtune.synth.SynthConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune data split}: train/val split by product. */
@Command(
    name = "split",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Split cleaned.jsonl and preferences.jsonl by product into train/ and val/ (no product in"
            + " both), seeded; writes split.json.")
final class DataSplitCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin DataOptions data;

  @Option(
      names = "--val-ratio",
      paramLabel = "R",
      description = "Share of products held out for validation, in [0, 1) (config: val_ratio).")
  Double valRatio;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the split (config: seed).")
  Long seed;

  @Override
  public Integer call() {
    SynthConfig.Builder config = data.config().toBuilder();
    if (valRatio != null) {
      config.valRatio(valRatio);
    }
    if (seed != null) {
      config.seed(seed);
    }
    data.print(spec.commandLine().getOut(), new SplitStage(config.build()).run(data.out));
    return CommandLine.ExitCode.OK;
  }
}

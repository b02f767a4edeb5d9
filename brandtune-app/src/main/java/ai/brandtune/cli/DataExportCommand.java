package ai.brandtune.cli;

import ai.brandtune.synth.ExportStage;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code brandtune data export}: the files trainers read. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Write export/: SFT messages, preference and GRPO prompt JSONL per split, LLaMA-Factory"
            + " preference pairs and dataset_info.json, and verl Parquet.")
final class DataExportCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin DataOptions data;

  @Override
  public Integer call() {
    data.print(spec.commandLine().getOut(), new ExportStage(data.config()).run(data.out));
    return CommandLine.ExitCode.OK;
  }
}

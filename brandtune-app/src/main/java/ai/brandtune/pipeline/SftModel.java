package ai.brandtune.pipeline;

import ai.brandtune.BrandtuneException;
import ai.brandtune.cli.BrandtuneCli;
import ai.brandtune.io.CheckpointDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * What the sft stage leaves for the stages after it: a full model (the tiny default, or {@code
 * finetuning_type: full}), or a LoRA adapter over the base model.
 *
 * @param base the full model: the SFT model itself, or the base under the adapter
 * @param adapter the SFT adapter directory, or null after a full SFT
 */
record SftModel(Path base, Path adapter) {
  /** Where the GRPO stage keeps the base with the SFT adapter merged in. */
  static final String MERGED = "sft-merged";

  static SftModel of(PipelineContext context) {
    String type = new SftStage().config(context).path("finetuning_type").asText("lora");
    Path sft = context.stageDir(SftStage.NAME);
    return "lora".equals(type)
        ? new SftModel(SftStage.baseModel(context), sft)
        : new SftModel(sft, null);
  }

  boolean lora() {
    return adapter != null;
  }

  /**
   * The model GRPO's adapter trains on: the SFT model itself, or the base with the SFT adapter
   * merged in (a second adapter cannot stack on the first in a PEFT checkpoint).
   */
  Path policyBase(PipelineContext context) {
    return lora() ? context.stageDir(GrpoStage.NAME).resolve(MERGED) : base;
  }

  /** Merges the SFT adapter into {@link #policyBase}, unless an earlier attempt already did. */
  void preparePolicyBase(StageRun run) {
    Path out = policyBase(run.context());
    if (!lora() || Files.isRegularFile(out.resolve(CheckpointDirectory.CONFIG))) {
      return;
    }
    run.log().accept("merging the SFT adapter into " + base + " -> " + out);
    StringWriter err = new StringWriter();
    CommandLine cli = BrandtuneCli.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "merge",
            "--adapter",
            adapter.toString(),
            "--base",
            base.toString(),
            "--out",
            out.toString());
    if (code != 0) {
      throw new BrandtuneException(
          "grpo: merging the SFT adapter " + adapter + " into " + base + " failed: " + err);
    }
  }
}

package ai.brandtune.pipeline;

import ai.brandtune.synth.DataBuild;
import ai.brandtune.synth.SynthConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code data}: {@code brandtune data build} in {@code data/build/}: prompts from the kit, copies
 * from the teacher (or the golden corpus offline), cleaning, rejected variants, the split by
 * product and the exports the training stages read. Its keys are {@code data.yaml}'s; the project's
 * {@code kit}, {@code teacher} and {@code seed} fill in the ones the block leaves out.
 */
final class DataStage implements Stage {
  static final String NAME = "data";
  static final String BUILD = "build";

  /** An export file of a completed data stage, e.g. {@code sft_train.jsonl}. */
  static Path export(Path dataDir, String file) {
    return dataDir.resolve(BUILD).resolve("export").resolve(file);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> inputs(PipelineContext context) {
    return List.of();
  }

  @Override
  public ObjectNode config(PipelineContext context) {
    ObjectNode defaults = Pipeline.YAML.createObjectNode();
    Project p = context.project();
    if (p.kit() != null) {
      defaults.put("kit", p.kit().toString());
    }
    if (p.teacher() != null) {
      defaults.set("teacher", p.teacher());
    }
    defaults.put("seed", p.seed());
    return StageConfigs.merge(
        context, NAME, defaults, StageConfigs.keys(SynthConfig.class), Set.of());
  }

  @Override
  public List<Path> externalInputs(PipelineContext context) {
    List<Path> files = new ArrayList<>();
    if (context.project().kit() != null) {
      files.add(context.project().kit());
    }
    return files;
  }

  @Override
  public StageResult run(StageRun run) {
    SynthConfig config = SynthConfig.load(run.configFile(), List.of());
    Path out = run.dir().resolve(BUILD);
    DataBuild.Result result = new DataBuild(config).run(out, false, line -> {});
    Map<String, Object> summary = new LinkedHashMap<>();
    for (String f :
        List.of(
            "sft_train.jsonl",
            "sft_val.jsonl",
            "pref_train.jsonl",
            "pref_val.jsonl",
            "grpo_train.jsonl",
            "grpo_val.jsonl")) {
      summary.put(f, lines(export(run.dir(), f)));
    }
    summary.put("build_stages_skipped", result.skipped());
    String note =
        String.format(
            "%s SFT / %s preference train records, %s validation prompts",
            summary.get("sft_train.jsonl"),
            summary.get("pref_train.jsonl"),
            summary.get("grpo_val.jsonl"));
    if (((Long) summary.get("sft_train.jsonl")) == 0) {
      note +=
          "; no copies: offline, the kit's golden.jsonl covers none of its products (add golden"
              + " copies or set a teacher in the project)";
    }
    return new StageResult(List.of(BUILD), summary, note);
  }

  private static long lines(Path file) {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    try (var lines = Files.lines(file)) {
      return lines.filter(l -> !l.isBlank()).count();
    } catch (IOException e) {
      return 0;
    }
  }
}

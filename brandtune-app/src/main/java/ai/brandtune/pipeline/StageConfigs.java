package ai.brandtune.pipeline;

import ai.brandtune.BrandtuneException;
import ai.brandtune.train.ConfigFile;
import ai.brandtune.train.TrainingResult;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Helpers for stages whose config is another command's config ({@code train sft}, {@code train rm},
 * ...): the stage's defaults with the project's block on top, the keys the pipeline itself sets
 * (paths between stages) guarded, and the merged file read back into the command's record so it is
 * validated exactly as {@code brandtune train ... --config} would.
 */
public final class StageConfigs {
  private StageConfigs() {}

  /**
   * {@code defaults} with the project's block for {@code stage} on top.
   *
   * @param known the keys the stage accepts (for typo messages)
   * @param owned the keys the pipeline sets itself, which the block may not set
   */
  public static ObjectNode merge(
      PipelineContext context,
      String stage,
      ObjectNode defaults,
      Collection<String> known,
      Collection<String> owned) {
    ObjectNode block = context.project().stage(stage);
    ObjectNode merged = defaults.deepCopy();
    for (var names = block.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      String where = context.project().source() + ": " + stage + "." + key;
      if (owned.contains(key)) {
        throw new BrandtuneException(
            where + ": set by the pipeline (it connects the stages); remove it from the project");
      }
      if (!known.contains(key)) {
        throw new BrandtuneException(
            where
                + ": unknown key for this stage; the keys are those of its own command: "
                + String.join(", ", known));
      }
      merged.set(key, block.get(key));
    }
    return merged;
  }

  /** The shared loop's keys every training stage sets from the project. */
  public static void loopDefaults(ObjectNode config, PipelineContext context, Path outputDir) {
    config.put("output_dir", outputDir.toString());
    config.put("resume_from_checkpoint", "auto");
    config.put("seed", context.project().seed());
    config.put("device", context.project().device());
    config.put("bf16", context.project().bf16());
    config.put("progress", false);
  }

  /** The keys of {@code type} as its own command reads them. */
  public static Set<String> keys(Class<? extends Record> type) {
    return ConfigFile.knownKeys(type);
  }

  /** Writes {@code config} to {@code file} and reads it back as {@code type}, validated. */
  public static <T extends Record> T read(ObjectNode config, Path file, Class<T> type) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, Pipeline.yaml(config));
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return ConfigFile.read(file, List.of(), type);
  }

  /** The config file of a stage run, read as {@code type}. */
  public static <T extends Record> T read(StageRun run, Class<T> type) {
    return ConfigFile.read(run.configFile(), List.of(), type);
  }

  /**
   * The files a training stage leaves at the top of its directory (model, tokenizer, metrics,
   * plots), the pipeline's own config and manifest excepted; checkpoints are left out because they
   * are the stage's working state, not its product.
   */
  public static List<String> topLevelFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> out = new ArrayList<>();
      for (Path p : (Iterable<Path>) files.sorted()::iterator) {
        String name = p.getFileName().toString();
        if (Files.isRegularFile(p)
            && !name.equals(StageManifest.FILE)
            && !name.equals(Pipeline.CONFIG_FILE)
            && !name.endsWith(".tmp")) {
          out.add(name);
        }
      }
      return out;
    } catch (IOException e) {
      throw new BrandtuneException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A training result as manifest numbers, and whether it stopped (then throws). */
  public static Map<String, Object> trainingSummary(String stage, TrainingResult r) {
    if (r.stopped()) {
      throw new StageStopped(
          String.format(
              Locale.ROOT,
              "stopped at step %d/%d; checkpoint %s (rerun the pipeline to resume)",
              r.globalStep(),
              r.totalSteps(),
              r.lastCheckpoint()));
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("start_step", r.startStep());
    s.put("global_step", r.globalStep());
    s.put("total_steps", r.totalSteps());
    s.put("steps_run", r.stepLosses().size());
    s.put(
        "final_loss",
        r.stepLosses().isEmpty() ? null : r.stepLosses().get(r.stepLosses().size() - 1));
    s.put("eval_loss", Double.isFinite(r.evalLoss()) ? r.evalLoss() : null);
    return s;
  }

  /** {@code "steps 0->40, loss 2.3100, eval loss 2.5000"} for a stage's line. */
  public static String trainingNote(TrainingResult r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "steps %d->%d", r.startStep(), r.globalStep()));
    if (r.startStep() > 0) {
      b.append(" (resumed)");
    }
    if (!r.stepLosses().isEmpty()) {
      b.append(
          String.format(Locale.ROOT, ", loss %.4f", r.stepLosses().get(r.stepLosses().size() - 1)));
    }
    if (Double.isFinite(r.evalLoss())) {
      b.append(String.format(Locale.ROOT, ", eval loss %.4f", r.evalLoss()));
    }
    return b.toString();
  }
}

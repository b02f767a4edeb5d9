package ai.brandtune.synth;

import java.nio.file.Path;

/**
 * The file layout of a data run directory ({@code --out DIR}), in one place so every stage, the
 * build manifest and the validator agree on it.
 */
public final class DataDir {
  public static final String GENERATED = GenerateStage.OUTPUT;
  public static final String CLEANED = CleanStage.OUTPUT;
  public static final String CLEAN_EXCLUDED = CleanStage.EXCLUDED;
  public static final String PREFERENCES = RejectsStage.OUTPUT;
  public static final String SPLIT = "split.json";
  public static final String EXPORT = "export";
  public static final String DATASET_INFO = "dataset_info.json";
  public static final String VALIDATION = "validation.json";
  public static final String STATS = "stats.json";
  public static final String MANIFEST = "manifest.json";

  private DataDir() {}

  /** {@code train/} or {@code val/} under {@code dir}. */
  public static Path side(Path dir, String side) {
    return dir.resolve(side);
  }

  /** {@code export/sft_train.jsonl} and the like: {@code kind_side.ext} under {@code export/}. */
  public static Path export(Path dir, String kind, String side, String extension) {
    return dir.resolve(EXPORT).resolve(kind + "_" + side + "." + extension);
  }
}

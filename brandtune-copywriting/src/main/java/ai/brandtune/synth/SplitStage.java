package ai.brandtune.synth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code split} stage: assigns every product of {@code cleaned.jsonl} (and {@code
 * preferences.jsonl}, when the rejects stage has run) to train or val ({@link ProductSplit}),
 * writes {@code split.json} and copies the records of each side, in file order, to {@code
 * train/cleaned.jsonl}, {@code val/cleaned.jsonl}, {@code train/preferences.jsonl} and {@code
 * val/preferences.jsonl}.
 */
public final class SplitStage {
  public static final String STAGE = "split";

  private final double valRatio;
  private final long seed;

  public SplitStage(double valRatio, long seed) {
    ProductSplit.requireRatio(valRatio);
    this.valRatio = valRatio;
    this.seed = seed;
  }

  public SplitStage(SynthConfig config) {
    this(config.valRatio(), config.seed());
  }

  public StageSummary run(Path dir) {
    List<CopyRecord> copies = SynthFiles.readCopies(dir.resolve(DataDir.CLEANED));
    Path preferenceFile = dir.resolve(DataDir.PREFERENCES);
    List<PreferenceRecord> preferences =
        Files.isRegularFile(preferenceFile) ? SynthFiles.readPreferences(preferenceFile) : null;

    Set<String> products = new TreeSet<>();
    copies.forEach(c -> products.add(c.productId()));
    if (preferences != null) {
      preferences.forEach(p -> products.add(p.productId()));
    }
    ProductSplit split = ProductSplit.of(products, valRatio, seed);

    StageSummary.Builder summary = StageSummary.builder(STAGE);
    summary.add("train_products", split.trainProducts().size());
    summary.add("val_products", split.valProducts().size());
    SplitFile.write(dir.resolve(DataDir.SPLIT), split);
    summary.output(dir.resolve(DataDir.SPLIT));
    for (String side : List.of(ProductSplit.TRAIN, ProductSplit.VAL)) {
      List<CopyRecord> sideCopies = new ArrayList<>();
      for (CopyRecord c : copies) {
        if (side.equals(split.sideOf(c.productId()))) {
          sideCopies.add(c);
        }
      }
      Path copyFile = DataDir.side(dir, side).resolve(DataDir.CLEANED);
      SynthFiles.writeCopies(copyFile, sideCopies);
      summary.add(side + "_copies", sideCopies.size()).output(copyFile);
      if (preferences != null) {
        List<PreferenceRecord> sidePreferences = new ArrayList<>();
        for (PreferenceRecord p : preferences) {
          if (side.equals(split.sideOf(p.productId()))) {
            sidePreferences.add(p);
          }
        }
        Path preferenceOut = DataDir.side(dir, side).resolve(DataDir.PREFERENCES);
        SynthFiles.writePreferences(preferenceOut, sidePreferences);
        summary.add(side + "_preferences", sidePreferences.size()).output(preferenceOut);
      } else {
        deleteStale(DataDir.side(dir, side).resolve(DataDir.PREFERENCES));
      }
    }
    if (preferences == null) {
      summary.note("no " + DataDir.PREFERENCES + " yet: split the copies only");
    }
    if (split.valProducts().isEmpty()) {
      summary.note("val_ratio " + valRatio + ": no product held out for validation");
    }
    return summary.build();
  }

  /** A side file from an earlier run with preferences would otherwise be exported again. */
  private static void deleteStale(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (java.io.IOException e) {
      throw new ai.brandtune.BrandtuneException(file + ": cannot delete: " + e.getMessage(), e);
    }
  }
}

package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code export} stage: turns the split's {@code train/} and {@code val/} files into the files
 * trainers read, under {@code export/}, one of each per side:
 *
 * <ul>
 *   <li>{@code sft_<side>.jsonl}: {@code messages} (prompt + the copy as the assistant turn) for
 *       brandtune, TRL and LLaMA-Factory SFT;
 *   <li>{@code pref_<side>.jsonl}: brandtune's preference records (prompt, chosen, rejected,
 *       rejected type(s)) for reward models and DPO;
 *   <li>{@code lf_pref_<side>.jsonl}: the same pairs in LLaMA-Factory's sharegpt ranking form, one
 *       rejected per row;
 *   <li>{@code grpo_<side>.jsonl}: one prompt per product and content type, product and type in
 *       {@code meta};
 *   <li>{@code verl_<side>.parquet}: the GRPO prompts as verl's RL dataset ({@link VerlParquet});
 *   <li>{@code dataset_info.json}: LLaMA-Factory's registry of the non-empty SFT and preference
 *       files ({@link LlamaFactoryInfo}).
 * </ul>
 *
 * Every file is rewritten whole, in input order, so the same inputs give the same bytes.
 */
public final class ExportStage {
  public static final String STAGE = "export";

  private final ExportOptions options;

  public ExportStage(ExportOptions options) {
    this.options = options;
  }

  public ExportStage(SynthConfig config) {
    this(config.export());
  }

  public StageSummary run(Path dir) {
    ProductSplit split = SplitFile.read(dir.resolve(DataDir.SPLIT));
    StageSummary.Builder summary = StageSummary.builder(STAGE);
    LlamaFactoryInfo info = new LlamaFactoryInfo();
    for (String side : List.of(ProductSplit.TRAIN, ProductSplit.VAL)) {
      Path sideDir = DataDir.side(dir, side);
      List<CopyRecord> copies = SynthFiles.readCopies(sideDir.resolve(DataDir.CLEANED));
      copies.forEach(c -> requireSide(split, side, c.productId(), c.where()));
      Path preferenceFile = sideDir.resolve(DataDir.PREFERENCES);
      List<PreferenceRecord> preferences =
          Files.isRegularFile(preferenceFile)
              ? SynthFiles.readPreferences(preferenceFile)
              : List.of();
      preferences.forEach(p -> requireSide(split, side, p.productId(), p.where()));

      Path sft = DataDir.export(dir, "sft", side, "jsonl");
      SynthFiles.writeLines(sft, copies.stream().map(ExportRecords::sft).toList());
      summary.add("sft_" + side, copies.size()).output(sft);

      boolean listForm = preferences.stream().anyMatch(p -> p.rejected().size() != 1);
      Path pref = DataDir.export(dir, "pref", side, "jsonl");
      SynthFiles.writeLines(
          pref, preferences.stream().map(p -> ExportRecords.preference(p, listForm)).toList());
      summary.add("pref_" + side, preferences.size()).output(pref);

      List<String> pairs = new ArrayList<>();
      preferences.forEach(p -> pairs.addAll(ExportRecords.llamaFactoryPairs(p)));
      Path lfPref = DataDir.export(dir, "lf_pref", side, "jsonl");
      SynthFiles.writeLines(lfPref, pairs);
      summary.add("pairs_" + side, pairs.size()).output(lfPref);

      List<CopyRecord> prompts = onePerProductAndType(copies);
      Path grpo = DataDir.export(dir, "grpo", side, "jsonl");
      SynthFiles.writeLines(grpo, prompts.stream().map(ExportRecords::grpo).toList());
      summary.add("grpo_" + side, prompts.size()).output(grpo);

      Path verl = DataDir.export(dir, "verl", side, "parquet");
      VerlParquet.write(verl, verlRows(prompts, side));
      summary.output(verl);

      if (!copies.isEmpty()) {
        info.sft(options.datasetPrefix() + "_sft_" + side, sft.getFileName().toString());
      }
      if (!pairs.isEmpty()) {
        info.preference(options.datasetPrefix() + "_pref_" + side, lfPref.getFileName().toString());
      }
    }
    Path infoFile = dir.resolve(DataDir.EXPORT).resolve(DataDir.DATASET_INFO);
    SynthFiles.writeAtomically(infoFile, info.json());
    summary.output(infoFile);
    return summary.build();
  }

  private List<VerlParquet.Row> verlRows(List<CopyRecord> prompts, String side) {
    List<VerlParquet.Row> rows = new ArrayList<>();
    for (CopyRecord r : prompts) {
      rows.add(
          new VerlParquet.Row(
              options.verlDataSource(),
              r.prompt(),
              options.verlAbility(),
              options.verlRewardStyle(),
              r.completion(),
              side,
              rows.size(),
              r.productId(),
              r.contentType()));
    }
    return rows;
  }

  /** The first record of each (product, content type): GRPO samples its own completions. */
  private static List<CopyRecord> onePerProductAndType(List<CopyRecord> copies) {
    Set<String> seen = new HashSet<>();
    List<CopyRecord> out = new ArrayList<>();
    for (CopyRecord c : copies) {
      if (seen.add(c.productId() + "\u0000" + c.contentType())) {
        out.add(c);
      }
    }
    return out;
  }

  private static void requireSide(ProductSplit split, String side, String product, String where) {
    if (!side.equals(split.sideOf(product))) {
      throw new BrandtuneException(
          where
              + ": product "
              + product
              + " is in "
              + side
              + "/ but split.json puts it in "
              + (split.sideOf(product) == null ? "neither side" : split.sideOf(product))
              + "; run `brandtune data split` again");
    }
  }
}

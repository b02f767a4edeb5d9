package ai.brandtune.synth;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.KitFiles;
import ai.brandtune.brand.KitSource;
import ai.brandtune.brand.corpus.CorpusFiles;
import ai.brandtune.brand.corpus.GoldenRecord;
import ai.brandtune.brand.corpus.Numbered;
import ai.brandtune.brand.corpus.RecordMeta;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data directory as the clean and rejects stages leave it, made from the built-in kit's corpora
 * (no synthesis stage involved): {@code cleaned.jsonl} from {@code golden.jsonl} and {@code
 * preferences.jsonl} from {@code preference_eval.jsonl}. Every fifth preference record gets a
 * second rejected variant, so files mix one and several rejected.
 */
final class DataFixture {
  static final BrandKit KIT = BrandKit.builtIn();
  static final List<CopyRecord> COPIES = copies();
  static final List<PreferenceRecord> PREFERENCES = preferences();

  private DataFixture() {}

  /** Writes cleaned.jsonl and preferences.jsonl into {@code dir}; returns it. */
  static Path write(Path dir) {
    SynthFiles.writeCopies(dir.resolve(DataDir.CLEANED), COPIES);
    SynthFiles.writePreferences(dir.resolve(DataDir.PREFERENCES), PREFERENCES);
    return dir;
  }

  /** The fixture, split and exported with defaults. */
  static Path exported(Path dir) {
    write(dir);
    new SplitStage(0.1, 42).run(dir);
    new ExportStage(ExportOptions.DEFAULT).run(dir);
    return dir;
  }

  private static List<CopyRecord> copies() {
    String text = KitSource.builtIn().read(KitFiles.GOLDEN).orElseThrow();
    List<CopyRecord> out = new ArrayList<>();
    for (Numbered<GoldenRecord> n : CorpusFiles.readGolden("golden.jsonl", text).orThrow()) {
      GoldenRecord g = n.value();
      out.add(new CopyRecord(g.prompt(), g.completion(), meta(g.meta(), "clean")));
    }
    return List.copyOf(out);
  }

  private static List<PreferenceRecord> preferences() {
    String text = KitSource.builtIn().read(KitFiles.PREFERENCE_EVAL).orElseThrow();
    List<PreferenceRecord> out = new ArrayList<>();
    var records = CorpusFiles.readPreference("preference_eval.jsonl", text).orThrow();
    for (int i = 0; i < records.size(); i++) {
      var p = records.get(i).value();
      List<String> rejected = new ArrayList<>(List.of(p.rejected()));
      List<String> types = new ArrayList<>(List.of(p.rejectedType()));
      List<List<String>> facts = new ArrayList<>(List.of(p.fabricatedFacts()));
      if (i % 5 == 0) {
        rejected.add(p.rejected() + "赶紧入手");
        types.add("exaggerated");
        facts.add(List.of());
      }
      Map<String, Object> meta = meta(p.meta(), "rejects");
      meta.put("fabricated_facts", facts);
      out.add(new PreferenceRecord(p.prompt(), p.chosen(), rejected, types, meta));
    }
    return List.copyOf(out);
  }

  private static Map<String, Object> meta(RecordMeta m, String stage) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("product_id", m.productId());
    meta.put("content_type", m.contentType());
    meta.put("stage", stage);
    meta.put("source", "golden");
    meta.put("teacher", null);
    return meta;
  }
}

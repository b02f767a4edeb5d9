package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.check.BrandChecker;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code stats} stage: {@link DataStats} of a run directory, from {@code cleaned.jsonl} (or
 * {@code generated.jsonl} before cleaning), {@code preferences.jsonl} and the split's side files,
 * written to {@code stats.json}. Brand-check pass rates use the kit's {@link BrandChecker}: a copy
 * passes when the checker finds no error.
 */
public final class StatsStage {
  public static final String STAGE = "stats";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final BrandKit kit;
  private final BrandChecker checker;

  public StatsStage(BrandKit kit) {
    this.kit = kit;
    this.checker = new BrandChecker(kit);
  }

  public StatsStage(SynthConfig config) {
    this(config.loadKit());
  }

  public StageSummary run(Path dir) {
    DataStats stats = compute(dir);
    Path out = dir.resolve(DataDir.STATS);
    SynthFiles.writeAtomically(out, json(stats));
    StageSummary.Builder summary =
        StageSummary.builder(STAGE)
            .add("content_types", stats.rows().size())
            .add("copies", stats.total().copies())
            .add("preferences", stats.total().preferences());
    stats.table().forEach(summary::note);
    return summary.output(out).build();
  }

  public DataStats compute(Path dir) {
    Path source = dir.resolve(DataDir.CLEANED);
    if (!Files.isRegularFile(source)) {
      source = dir.resolve(DataDir.GENERATED);
    }
    if (!Files.isRegularFile(source)) {
      throw new BrandtuneException(
          dir
              + ": neither "
              + DataDir.CLEANED
              + " nor "
              + DataDir.GENERATED
              + "; run `brandtune data generate` (or `data build`) first");
    }
    Map<String, Acc> byType = new LinkedHashMap<>();
    for (ContentType t : kit.contentTypes()) {
      byType.put(t.id(), new Acc(t.id()));
    }
    Map<String, Acc> unknown = new TreeMap<>();
    java.util.function.Function<String, Acc> acc =
        type ->
            byType.containsKey(type) ? byType.get(type) : unknown.computeIfAbsent(type, Acc::new);

    for (CopyRecord c : SynthFiles.readCopies(source)) {
      Acc a = acc.apply(c.contentType());
      a.lengths.add(length(c.completion()));
      if (passes(c.completion(), c.productId(), c.contentType())) {
        a.passed++;
      }
    }
    Path preferences = dir.resolve(DataDir.PREFERENCES);
    if (Files.isRegularFile(preferences)) {
      for (PreferenceRecord p : SynthFiles.readPreferences(preferences)) {
        Acc a = acc.apply(p.contentType());
        a.preferences++;
        for (int i = 0; i < p.rejected().size(); i++) {
          a.rejectedTypes.merge(p.rejectedTypes().get(i), 1, Integer::sum);
          if (passes(p.rejected().get(i), p.productId(), p.contentType())) {
            a.rejectedPassed++;
          }
        }
      }
    }
    for (String side : List.of(ProductSplit.TRAIN, ProductSplit.VAL)) {
      Path file = DataDir.side(dir, side).resolve(DataDir.CLEANED);
      if (Files.isRegularFile(file)) {
        for (CopyRecord c : SynthFiles.readCopies(file)) {
          Acc a = acc.apply(c.contentType());
          if (side.equals(ProductSplit.TRAIN)) {
            a.train++;
          } else {
            a.val++;
          }
        }
      }
    }
    List<DataStats.Row> rows = new ArrayList<>();
    Acc total = new Acc("total");
    for (Acc a : concat(byType.values(), unknown.values())) {
      rows.add(a.row());
      total.add(a);
    }
    return new DataStats(dir.relativize(source).toString(), rows, total.row());
  }

  private boolean passes(String text, String product, String type) {
    if (kit.product(product).isEmpty() || kit.contentType(type).isEmpty()) {
      return false; // validate names the unknown id
    }
    return !checker.check(text, product, type).hasErrors();
  }

  /** Length as the kit counts it: characters that are not whitespace. */
  static int length(String text) {
    return (int)
        text.codePoints()
            .filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
            .count();
  }

  private static List<Acc> concat(java.util.Collection<Acc> a, java.util.Collection<Acc> b) {
    List<Acc> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Running counts of one content type. */
  private static final class Acc {
    final String type;
    final List<Integer> lengths = new ArrayList<>();
    final Map<String, Integer> rejectedTypes = new LinkedHashMap<>();
    int passed;
    int train;
    int val;
    int preferences;
    int rejectedPassed;

    Acc(String type) {
      this.type = type;
      for (RejectType t : RejectType.values()) {
        rejectedTypes.put(t.id(), 0);
      }
    }

    void add(Acc o) {
      lengths.addAll(o.lengths);
      o.rejectedTypes.forEach((k, v) -> rejectedTypes.merge(k, v, Integer::sum));
      passed += o.passed;
      train += o.train;
      val += o.val;
      preferences += o.preferences;
      rejectedPassed += o.rejectedPassed;
    }

    DataStats.Row row() {
      List<Integer> sorted = lengths.stream().sorted().toList();
      int n = sorted.size();
      double median =
          n == 0
              ? 0
              : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
      return new DataStats.Row(
          type,
          n,
          train,
          val,
          n == 0 ? 0 : sorted.get(0),
          median,
          n == 0 ? 0 : sorted.get(n - 1),
          passed,
          preferences,
          rejectedTypes,
          rejectedPassed);
    }
  }

  private static String json(DataStats stats) {
    ObjectNode root = JSON.createObjectNode();
    root.put("source", stats.source());
    var rows = root.putArray("content_types");
    stats.rows().forEach(r -> rows.add(row(r)));
    root.set("total", row(stats.total()));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode row(DataStats.Row r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("content_type", r.contentType());
    o.put("copies", r.copies());
    o.put("train", r.train());
    o.put("val", r.val());
    ObjectNode length = o.putObject("length");
    length.put("min", r.minLength());
    length.put("median", r.medianLength());
    length.put("max", r.maxLength());
    o.put("passed", r.passed());
    o.put("pass_rate", r.passRate());
    o.put("preferences", r.preferences());
    o.put("rejected", r.rejected());
    ObjectNode types = o.putObject("rejected_types");
    r.rejectedTypes().forEach(types::put);
    o.put("rejected_passed", r.rejectedPassed());
    o.put("rejected_pass_rate", r.rejectedPassRate());
    return o;
  }
}

package ai.brandtune.eval;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.KitFiles;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.brand.corpus.CorpusFiles;
import ai.brandtune.brand.corpus.Numbered;
import ai.brandtune.brand.corpus.PreferenceRecord;
import ai.brandtune.judge.AbsoluteVerdict;
import ai.brandtune.judge.ComparativeOutcome;
import ai.brandtune.judge.JudgeOutcome;
import ai.brandtune.judge.JudgeReliability;
import ai.brandtune.judge.LlmJudge;
import ai.brandtune.judge.OfflineJudges;
import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code brandtune eval judge-check}: how reliable each judge is on the brand kit's preference eval
 * set (chosen copies against weak, exaggerated and fabricated rejected ones). For every judge:
 * chosen-over-rejected accuracy per rejected type and the score spread; for the LLM judge also
 * self-consistency (every item scored a second time), the position-bias rate of chosen-vs-rejected
 * comparisons, and agreement with the brand-rule judge (Spearman, quadratic-weighted kappa on the
 * 1-5 scale).
 */
public final class JudgeCheck {
  public static final String JSON_FILE = "judge_check.json";
  public static final String MARKDOWN_FILE = "judge_check.md";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private JudgeCheck() {}

  /** One judge's reliability numbers; LLM-only fields are null for other judges. */
  public record JudgeStats(
      String judge,
      Map<String, JudgeReliability.TypeAccuracy> accuracyByType,
      JudgeReliability.Spread spread,
      JudgeReliability.Consistency selfConsistency,
      Double positionBiasRate,
      Double comparativeAccuracy,
      Double spearmanWithBrandRules,
      Double kappaWithBrandRules,
      int failed) {}

  /** Everything measured. */
  public record Report(int records, List<JudgeStats> judges) {
    public JudgeStats judge(String id) {
      return judges.stream().filter(j -> j.judge().equals(id)).findFirst().orElseThrow();
    }
  }

  /** The kit's own preference eval set. */
  public static List<PreferenceRecord> kitRecords(BrandKit kit) {
    String label = kit.source().label(KitFiles.PREFERENCE_EVAL);
    String text =
        kit.source()
            .read(KitFiles.PREFERENCE_EVAL)
            .orElseThrow(
                () -> new BrandtuneException(label + ": the kit has no preference eval set"));
    return CorpusFiles.readPreference(label, text).orThrow().stream().map(Numbered::value).toList();
  }

  /**
   * @param llm the LLM judge, or null for offline judges only
   * @param rewardModel a reward model to check too, or null
   */
  public static Report run(
      BrandKit kit,
      List<PreferenceRecord> records,
      LlmJudge llm,
      ModelLoader.RewardModel rewardModel) {
    BrandChecker checker = new BrandChecker(kit);
    List<PreferenceRecord> usable =
        records.stream()
            .filter(r -> kit.product(r.meta().productId()).isPresent())
            .filter(r -> kit.contentType(r.meta().contentType()).isPresent())
            .toList();
    if (usable.isEmpty()) {
      throw new BrandtuneException(
          "judge-check: no preference record names a product and content type of the kit");
    }
    int n = usable.size();
    double[] brandChosen = new double[n];
    double[] brandRejected = new double[n];
    for (int i = 0; i < n; i++) {
      PreferenceRecord r = usable.get(i);
      brandChosen[i] =
          checker.check(r.chosen(), r.meta().productId(), r.meta().contentType()).score().total();
      brandRejected[i] =
          checker.check(r.rejected(), r.meta().productId(), r.meta().contentType()).score().total();
    }
    List<JudgeStats> stats = new ArrayList<>();
    stats.add(offlineStats(OfflineJudges.BRAND_RULES, usable, brandChosen, brandRejected));
    if (rewardModel != null) {
      List<List<ChatMessage>> prompts = usable.stream().map(PreferenceRecord::prompt).toList();
      double[] c =
          rewardModel.score(prompts, usable.stream().map(PreferenceRecord::chosen).toList());
      double[] r =
          rewardModel.score(prompts, usable.stream().map(PreferenceRecord::rejected).toList());
      stats.add(offlineStats(OfflineJudges.REWARD_MODEL, usable, c, r));
    }
    if (llm != null) {
      stats.add(llmStats(llm, usable, brandChosen, brandRejected));
    }
    return new Report(n, stats);
  }

  private static JudgeStats offlineStats(
      String judge, List<PreferenceRecord> records, double[] chosen, double[] rejected) {
    List<JudgeReliability.Pair> pairs = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      pairs.add(new JudgeReliability.Pair(records.get(i).rejectedType(), chosen[i], rejected[i]));
    }
    return new JudgeStats(
        judge,
        JudgeReliability.accuracyByType(pairs),
        JudgeReliability.spread(concat(chosen, rejected)),
        null,
        null,
        null,
        null,
        null,
        0);
  }

  private static JudgeStats llmStats(
      LlmJudge llm, List<PreferenceRecord> records, double[] brandChosen, double[] brandRejected) {
    List<LlmJudge.Item> items = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      PreferenceRecord r = records.get(i);
      items.add(item("c" + i, r, r.chosen()));
      items.add(item("r" + i, r, r.rejected()));
    }
    List<JudgeOutcome<AbsoluteVerdict>> first = llm.absolute(items, 0);
    List<JudgeOutcome<AbsoluteVerdict>> second = llm.absolute(items, 1);
    List<JudgeReliability.Pair> pairs = new ArrayList<>();
    List<Double> all = new ArrayList<>();
    List<Double> brandAll = new ArrayList<>();
    List<Double> a = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    int failed = 0;
    for (int i = 0; i < records.size(); i++) {
      JudgeOutcome<AbsoluteVerdict> c = first.get(2 * i);
      JudgeOutcome<AbsoluteVerdict> r = first.get(2 * i + 1);
      failed += (c.ok() ? 0 : 1) + (r.ok() ? 0 : 1);
      if (c.ok() && r.ok()) {
        pairs.add(
            new JudgeReliability.Pair(
                records.get(i).rejectedType(), c.verdict().mean(), r.verdict().mean()));
      }
      if (c.ok()) {
        all.add(c.verdict().mean());
        brandAll.add(brandChosen[i]);
      }
      if (r.ok()) {
        all.add(r.verdict().mean());
        brandAll.add(brandRejected[i]);
      }
    }
    for (int k = 0; k < items.size(); k++) {
      if (first.get(k).ok() && second.get(k).ok()) {
        a.add(first.get(k).verdict().mean());
        b.add(second.get(k).verdict().mean());
      }
    }
    List<LlmJudge.Comparison> comparisons = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      PreferenceRecord r = records.get(i);
      Map<String, String> candidates = new LinkedHashMap<>();
      candidates.put("chosen", r.chosen());
      candidates.put("rejected", r.rejected());
      comparisons.add(
          new LlmJudge.Comparison(
              "pair" + i,
              r.prompt(),
              r.meta().productId(),
              r.meta().contentType(),
              candidates,
              null));
    }
    List<ComparativeOutcome> compared = llm.compare(comparisons);
    long ok = compared.stream().filter(ComparativeOutcome::ok).count();
    long right = compared.stream().filter(o -> o.ok() && "chosen".equals(o.winner())).count();
    double[] llmScores = all.stream().mapToDouble(d -> d).toArray();
    double[] brandScores = brandAll.stream().mapToDouble(d -> d).toArray();
    int[] llmFive =
        all.stream().mapToInt(d -> (int) Math.max(1, Math.min(5, Math.round(d)))).toArray();
    int[] brandFive = brandAll.stream().mapToInt(JudgeReliability::toFivePoint).toArray();
    return new JudgeStats(
        OfflineJudges.LLM,
        JudgeReliability.accuracyByType(pairs),
        JudgeReliability.spread(llmScores),
        JudgeReliability.selfConsistency(toArray(a), toArray(b)),
        LlmJudge.positionBiasRate(compared),
        ok == 0 ? Double.NaN : right / (double) ok,
        llmScores.length < 2 ? Double.NaN : JudgeReliability.spearman(llmScores, brandScores),
        llmFive.length == 0
            ? Double.NaN
            : JudgeReliability.quadraticWeightedKappa(llmFive, brandFive, 1, 5),
        failed);
  }

  private static LlmJudge.Item item(String id, PreferenceRecord r, String copy) {
    return new LlmJudge.Item(
        id, r.prompt(), r.meta().productId(), r.meta().contentType(), copy, null);
  }

  /** Writes {@code judge_check.json} and {@code judge_check.md}; returns the Markdown path. */
  public static Path write(Report report, Path outDir) {
    try {
      Files.createDirectories(outDir);
      Files.writeString(
          outDir.resolve(JSON_FILE), JSON.writeValueAsString(report), StandardCharsets.UTF_8);
      Path md = outDir.resolve(MARKDOWN_FILE);
      Files.writeString(md, String.join("\n", lines(report)) + "\n", StandardCharsets.UTF_8);
      return md;
    } catch (IOException e) {
      throw new BrandtuneException(
          "cannot write the judge check in " + outDir + ": " + e.getMessage(), e);
    }
  }

  /** The report as Markdown lines, also what the CLI prints. */
  public static List<String> lines(Report report) {
    List<String> out = new ArrayList<>();
    out.add("# Judge reliability on " + report.records() + " preference records");
    for (JudgeStats s : report.judges()) {
      out.add("");
      out.add("## " + s.judge());
      s.accuracyByType()
          .values()
          .forEach(
              t ->
                  out.add(
                      String.format(
                          Locale.ROOT,
                          "- chosen > rejected (%s): %.1f%% of %d",
                          t.type(),
                          100 * t.accuracy(),
                          t.pairs())));
      out.add(
          String.format(
              Locale.ROOT,
              "- score spread: sd %.3f, %d distinct scores, mean %.3f",
              s.spread().standardDeviation(),
              s.spread().distinctScores(),
              s.spread().mean()));
      if (s.selfConsistency() != null) {
        out.add(
            String.format(
                Locale.ROOT,
                "- self-consistency: %.1f%% identical, mean |difference| %.3f over %d items",
                100 * s.selfConsistency().exactAgreement(),
                s.selfConsistency().meanAbsoluteDifference(),
                s.selfConsistency().items()));
      }
      if (s.positionBiasRate() != null) {
        out.add(
            String.format(
                Locale.ROOT,
                "- position-bias rate: %.1f%%; comparisons won by chosen: %.1f%%",
                100 * s.positionBiasRate(),
                100 * s.comparativeAccuracy()));
      }
      if (s.spearmanWithBrandRules() != null) {
        out.add(
            String.format(
                Locale.ROOT,
                "- agreement with brand_rules: Spearman %.3f, quadratic-weighted kappa %.3f",
                s.spearmanWithBrandRules(),
                s.kappaWithBrandRules()));
      }
      if (s.failed() > 0) {
        out.add("- failed judgments: " + s.failed());
      }
    }
    return out;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = new double[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static double[] toArray(List<Double> v) {
    return v.stream().mapToDouble(d -> d).toArray();
  }
}

package ai.brandtune.report;

import ai.brandtune.BrandtuneException;
import ai.brandtune.judge.JudgeReliability;
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
 * Writes {@code report.md}, {@code report.html} and the PNG charts into a directory from one or
 * more results files (rows of several files are pooled; give each run's models distinct names), and
 * optionally a diff against another run's results. Sections: failures, per content type mean score
 * per model (per judge), per-dimension means, best-model counts, pairwise win rates with bootstrap
 * 95% intervals, position-bias rate, brand-rule violation rates, length statistics and the
 * length-score correlation, the prompts where models differ most (outputs side by side), the diff.
 */
public final class ReportWriter {
  public static final String HTML = "report.html";
  public static final String MARKDOWN = "report.md";
  static final int MOST_DIFFERENT = 5;

  private ReportWriter() {}

  /** The report of {@code results} in {@code outDir}; returns the path of report.html. */
  public static Path write(List<Path> results, Path outDir) {
    return write(results, outDir, List.of());
  }

  /**
   * @param diffAgainst results of an earlier run to diff against (empty for no diff section)
   */
  public static Path write(List<Path> results, Path outDir, List<Path> diffAgainst) {
    if (results.isEmpty()) {
      throw new BrandtuneException("report: give at least one results file (results.jsonl)");
    }
    ReportStats stats = new ReportStats(ResultsFile.readAll(results));
    ReportStats before =
        diffAgainst.isEmpty() ? null : new ReportStats(ResultsFile.readAll(diffAgainst));
    return write(
        stats, before, outDir, String.join(", ", results.stream().map(Path::toString).toList()));
  }

  static Path write(ReportStats stats, ReportStats before, Path outDir, String source) {
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new BrandtuneException("cannot create " + outDir + ": " + e.getMessage(), e);
    }
    ReportDocument doc = new ReportDocument("brandtune evaluation report");
    doc.paragraph(
        "Results: "
            + source
            + ". Models: "
            + String.join(", ", stats.models())
            + ". Judges: "
            + String.join(", ", stats.judges())
            + ". Rows: "
            + stats.rows().size()
            + ".");
    failures(doc, stats);
    for (String judge : stats.judges()) {
      judgeSections(doc, stats, judge, outDir);
    }
    positionBias(doc, stats);
    violations(doc, stats, outDir);
    lengths(doc, stats, outDir);
    mostDifferent(doc, stats);
    if (before != null) {
      diff(doc, before, stats);
    }
    Path html = outDir.resolve(HTML);
    try {
      Files.writeString(outDir.resolve(MARKDOWN), doc.markdown(), StandardCharsets.UTF_8);
      Files.writeString(html, doc.html(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BrandtuneException(
          "cannot write the report in " + outDir + ": " + e.getMessage(), e);
    }
    return html;
  }

  private static void failures(ReportDocument doc, ReportStats stats) {
    Map<String, Map<String, Integer>> f = stats.failures();
    if (f.isEmpty()) {
      return;
    }
    doc.heading(2, "Failed judgments");
    doc.paragraph(
        "Rows whose judge gave no valid verdict; they are left out of every number below.");
    List<List<String>> rows = new ArrayList<>();
    f.forEach(
        (judge, m) -> m.forEach((model, n) -> rows.add(List.of(judge, model, String.valueOf(n)))));
    doc.table(List.of("judge", "model", "failed"), rows);
  }

  private static void judgeSections(ReportDocument doc, ReportStats stats, String judge, Path dir) {
    doc.heading(2, "Judge: " + judge);
    Map<String, Map<String, ReportStats.Mean>> byType = stats.meanByType(judge);
    doc.heading(3, "Mean score per content type");
    List<String> header = new ArrayList<>(List.of("content type"));
    header.addAll(stats.models());
    List<List<String>> rows = new ArrayList<>();
    Map<String, Map<String, Double>> chart = new LinkedHashMap<>();
    byType.forEach(
        (type, m) -> {
          List<String> r = new ArrayList<>(List.of(type));
          for (String model : stats.models()) {
            ReportStats.Mean v = m.get(model);
            r.add(v == null ? "-" : fmt(v.value()) + " (n=" + v.n() + ")");
            if (v != null && !type.equals(ReportStats.ALL)) {
              chart.computeIfAbsent(model, k -> new LinkedHashMap<>()).put(type, v.value());
            }
          }
          rows.add(r);
        });
    doc.table(header, rows);
    double[] all =
        stats.rows().stream()
            .filter(r -> r.judge().equals(judge) && r.ok())
            .mapToDouble(ResultRow::score)
            .toArray();
    JudgeReliability.Spread spread = JudgeReliability.spread(all);
    doc.paragraph(
        "Score spread over all rows: standard deviation "
            + fmt(spread.standardDeviation())
            + ", "
            + spread.distinctScores()
            + " distinct scores in "
            + spread.items()
            + " rows (a judge that does not discriminate shows a small spread).");
    List<String> types = byType.keySet().stream().filter(t -> !t.equals(ReportStats.ALL)).toList();
    if (!chart.isEmpty()) {
      String file =
          ReportCharts.bars(
              dir,
              "means_" + slug(judge) + ".png",
              "Mean " + judge + " score per content type",
              judge,
              types,
              chart);
      doc.image(file, "mean " + judge + " score per content type");
    }

    Map<String, Map<String, ReportStats.Mean>> dims = stats.dimensionMeans(judge);
    if (!dims.isEmpty()) {
      doc.heading(3, "Per-dimension means");
      List<String> dimNames =
          dims.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
      List<String> h = new ArrayList<>(List.of("model"));
      h.addAll(dimNames);
      List<List<String>> dr = new ArrayList<>();
      dims.forEach(
          (model, m) -> {
            List<String> r = new ArrayList<>(List.of(model));
            dimNames.forEach(d -> r.add(m.containsKey(d) ? fmt(m.get(d).value()) : "-"));
            dr.add(r);
          });
      doc.table(h, dr);
    }

    if (stats.models().size() >= 2) {
      doc.heading(3, "Best-model counts");
      doc.paragraph(
          "Prompts on which each model has the strictly highest score (all models scored).");
      List<List<String>> br = new ArrayList<>();
      stats.bestCounts(judge).forEach((m, n) -> br.add(List.of(m, String.valueOf(n))));
      doc.table(List.of("model", "prompts"), br);

      doc.heading(3, "Pairwise win rates");
      doc.paragraph(
          "Win rate of A over B = (wins + ties/2) / prompts scored for both; 95% interval from a seeded"
              + " bootstrap over prompts.");
      List<List<String>> wr = new ArrayList<>();
      for (ReportStats.WinRate w : stats.winRates(judge)) {
        wr.add(
            List.of(
                w.a(),
                w.b(),
                String.valueOf(w.wins()),
                String.valueOf(w.ties()),
                String.valueOf(w.losses()),
                fmt(w.rate().value()),
                "[" + fmt(w.rate().low()) + ", " + fmt(w.rate().high()) + "]"));
      }
      doc.table(List.of("A", "B", "wins", "ties", "losses", "win rate", "95% CI"), wr);
    }
  }

  private static void positionBias(ReportDocument doc, ReportStats stats) {
    double rate = stats.positionBiasRate();
    if (!Double.isNaN(rate)) {
      doc.heading(2, "Position bias");
      doc.paragraph(
          "Comparative judgments whose two presentation orders picked different winners (counted as"
              + " ties): "
              + fmt(rate)
              + ".");
    }
  }

  private static void violations(ReportDocument doc, ReportStats stats, Path dir) {
    Map<String, Map<String, ReportStats.Mean>> v = stats.violationRates();
    if (v.isEmpty()) {
      return;
    }
    doc.heading(2, "Brand-rule violation rates");
    List<String> kinds = v.values().iterator().next().keySet().stream().toList();
    List<String> h = new ArrayList<>(List.of("model"));
    h.addAll(kinds);
    List<List<String>> rows = new ArrayList<>();
    Map<String, Map<String, Double>> chart = new LinkedHashMap<>();
    v.forEach(
        (model, m) -> {
          List<String> r = new ArrayList<>(List.of(model));
          kinds.forEach(k -> r.add(m.containsKey(k) ? pct(m.get(k).value()) : "-"));
          rows.add(r);
          m.forEach(
              (k, x) -> chart.computeIfAbsent(model, z -> new LinkedHashMap<>()).put(k, x.value()));
        });
    doc.table(h, rows);
    doc.image(
        ReportCharts.bars(
            dir, "violations.png", "Brand-rule violation rates", "share of copies", kinds, chart),
        "violation rates");
  }

  private static void lengths(ReportDocument doc, ReportStats stats, Path dir) {
    Map<String, ReportStats.LengthStats> ls = stats.lengthStats();
    if (ls.isEmpty()) {
      return;
    }
    doc.heading(2, "Length statistics");
    doc.paragraph(
        "Non-whitespace characters per copy. A judge that favours longer copies shows a positive length-score correlation.");
    List<List<String>> rows = new ArrayList<>();
    Map<String, Map<String, Double>> chart = new LinkedHashMap<>();
    ls.forEach(
        (m, s) -> {
          rows.add(
              List.of(
                  m,
                  String.valueOf(s.n()),
                  fmt(s.mean()),
                  fmt(s.median()),
                  String.valueOf(s.min()),
                  String.valueOf(s.max())));
          chart.put(m, Map.of("mean", s.mean(), "median", s.median()));
        });
    doc.table(List.of("model", "copies", "mean", "median", "min", "max"), rows);
    List<List<String>> corr = new ArrayList<>();
    for (String judge : stats.judges()) {
      corr.add(List.of(judge, fmt(stats.lengthCorrelation(judge))));
    }
    doc.table(List.of("judge", "Spearman(length, score)"), corr);
    doc.image(
        ReportCharts.bars(
            dir, "lengths.png", "Copy length", "characters", List.of("mean", "median"), chart),
        "copy lengths");
  }

  private static void mostDifferent(ReportDocument doc, ReportStats stats) {
    if (stats.models().size() < 2 || stats.judges().isEmpty()) {
      return;
    }
    String judge = stats.judges().contains("llm") ? "llm" : stats.judges().get(0);
    List<ReportStats.Difference> diffs = stats.mostDifferent(judge, MOST_DIFFERENT);
    if (diffs.isEmpty()) {
      return;
    }
    doc.heading(2, "Prompts where models differ most (" + judge + ")");
    List<String> header = new ArrayList<>(List.of("prompt"));
    header.addAll(stats.models());
    List<List<String>> rows = new ArrayList<>();
    for (ReportStats.Difference d : diffs) {
      ResultRow any = d.byModel().values().iterator().next();
      List<String> r = new ArrayList<>();
      r.add(
          d.promptId()
              + "\n"
              + any.productId()
              + " / "
              + any.contentType()
              + "\nspread "
              + fmt(d.spread()));
      for (String m : stats.models()) {
        ResultRow row = d.byModel().get(m);
        r.add(
            row == null
                ? "-"
                : "[" + fmt(row.score()) + "]\n" + (row.output() == null ? "" : row.output()));
      }
      rows.add(r);
    }
    doc.table(header, rows, true);
  }

  private static void diff(ReportDocument doc, ReportStats before, ReportStats after) {
    doc.heading(2, "Diff against the earlier run");
    List<List<String>> rows = new ArrayList<>();
    for (RunDiff.Change c : RunDiff.compare(before, after)) {
      rows.add(
          List.of(
              c.judge(), c.model(), c.what(), fmt(c.before()), fmt(c.after()), signed(c.delta())));
    }
    doc.table(List.of("judge", "model", "what", "before", "after", "change"), rows);
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String signed(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.3f", v);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static String slug(String s) {
    return s.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}

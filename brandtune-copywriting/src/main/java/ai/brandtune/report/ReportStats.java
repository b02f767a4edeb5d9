package ai.brandtune.report;

import ai.brandtune.judge.OfflineJudges;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The numbers a report shows, computed from result rows. Failed rows are left out of every mean and
 * counted apart. Pairwise statistics use the prompts where both models have a valid score from the
 * same judge; prompts are ordered by id, so bootstrap draws are reproducible.
 */
public final class ReportStats {
  /** Key for the all-types row of per-type tables. */
  public static final String ALL = "(all)";

  private final List<ResultRow> rows;
  private final List<String> models;
  private final List<String> judges;
  private final int resamples;
  private final long seed;

  public ReportStats(List<ResultRow> rows) {
    this(rows, Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED);
  }

  public ReportStats(List<ResultRow> rows, int resamples, long seed) {
    this.rows = List.copyOf(rows);
    Set<String> m = new LinkedHashSet<>();
    Set<String> j = new LinkedHashSet<>();
    rows.forEach(
        r -> {
          m.add(r.model());
          j.add(r.judge());
        });
    this.models = List.copyOf(m);
    this.judges = List.copyOf(j);
    this.resamples = resamples;
    this.seed = seed;
  }

  public List<ResultRow> rows() {
    return rows;
  }

  /** Models in first-seen order. */
  public List<String> models() {
    return models;
  }

  public List<String> judges() {
    return judges;
  }

  public List<String> contentTypes() {
    return rows.stream().map(ResultRow::contentType).distinct().sorted().toList();
  }

  /** A mean with its count. */
  public record Mean(double value, int n) {}

  /** Content type ({@link #ALL} first) to model to mean score, for one judge. */
  public Map<String, Map<String, Mean>> meanByType(String judge) {
    Map<String, Map<String, Mean>> out = new LinkedHashMap<>();
    out.put(ALL, meansBy(judge, null));
    for (String t : contentTypes()) {
      Map<String, Mean> m = meansBy(judge, t);
      if (!m.isEmpty()) {
        out.put(t, m);
      }
    }
    return out;
  }

  private Map<String, Mean> meansBy(String judge, String type) {
    Map<String, Mean> out = new LinkedHashMap<>();
    for (String model : models) {
      double[] v =
          rows.stream()
              .filter(r -> r.judge().equals(judge) && r.model().equals(model) && r.ok())
              .filter(r -> type == null || type.equals(r.contentType()))
              .mapToDouble(ResultRow::score)
              .toArray();
      if (v.length > 0) {
        out.put(model, new Mean(Arrays.stream(v).average().orElse(Double.NaN), v.length));
      }
    }
    return out;
  }

  /** Model to dimension to mean, for one judge. */
  public Map<String, Map<String, Mean>> dimensionMeans(String judge) {
    Map<String, Map<String, Mean>> out = new LinkedHashMap<>();
    for (String model : models) {
      Map<String, List<Double>> values = new TreeMap<>();
      rows.stream()
          .filter(r -> r.judge().equals(judge) && r.model().equals(model) && r.ok())
          .forEach(
              r ->
                  r.dimensions()
                      .forEach((d, v) -> values.computeIfAbsent(d, k -> new ArrayList<>()).add(v)));
      Map<String, Mean> m = new LinkedHashMap<>();
      values.forEach(
          (d, v) ->
              m.put(
                  d,
                  new Mean(v.stream().mapToDouble(x -> x).average().orElse(Double.NaN), v.size())));
      if (!m.isEmpty()) {
        out.put(model, m);
      }
    }
    return out;
  }

  /** Per prompt, the valid score of each model for one judge; prompts sorted by id. */
  public Map<String, Map<String, Double>> scoresByPrompt(String judge) {
    Map<String, Map<String, Double>> out = new TreeMap<>();
    for (ResultRow r : rows) {
      if (r.judge().equals(judge) && r.ok()) {
        out.computeIfAbsent(r.promptId(), k -> new LinkedHashMap<>()).put(r.model(), r.score());
      }
    }
    return out;
  }

  /**
   * How often each model has the strictly highest score on a prompt (prompts where every model was
   * scored); {@code "(tie)"} counts prompts where the top score is shared.
   */
  public Map<String, Integer> bestCounts(String judge) {
    Map<String, Integer> out = new LinkedHashMap<>();
    models.forEach(m -> out.put(m, 0));
    out.put("(tie)", 0);
    for (Map<String, Double> s : scoresByPrompt(judge).values()) {
      if (s.size() < models.size() || s.size() < 2) {
        continue;
      }
      double top = s.values().stream().mapToDouble(x -> x).max().orElse(Double.NaN);
      List<String> at =
          s.entrySet().stream().filter(e -> e.getValue() == top).map(Map.Entry::getKey).toList();
      out.merge(at.size() == 1 ? at.get(0) : "(tie)", 1, Integer::sum);
    }
    return out;
  }

  /**
   * Model {@code a} against model {@code b} on one judge: wins, ties, losses over shared prompts
   * and the win rate (wins + ties/2) / n with its bootstrap interval.
   */
  public record WinRate(
      String a, String b, int wins, int ties, int losses, Bootstrap.Interval rate) {
    public int n() {
      return wins + ties + losses;
    }
  }

  public WinRate winRate(String judge, String a, String b) {
    List<Double> outcomes = new ArrayList<>();
    int w = 0;
    int t = 0;
    int l = 0;
    for (Map<String, Double> s : scoresByPrompt(judge).values()) {
      Double x = s.get(a);
      Double y = s.get(b);
      if (x == null || y == null) {
        continue;
      }
      int c = Double.compare(x, y);
      if (c > 0) {
        w++;
        outcomes.add(1.0);
      } else if (c == 0) {
        t++;
        outcomes.add(0.5);
      } else {
        l++;
        outcomes.add(0.0);
      }
    }
    double[] v = outcomes.stream().mapToDouble(d -> d).toArray();
    return new WinRate(a, b, w, t, l, Bootstrap.mean(v, resamples, seed));
  }

  /** Every ordered pair of distinct models with at least one shared prompt. */
  public List<WinRate> winRates(String judge) {
    List<WinRate> out = new ArrayList<>();
    for (String a : models) {
      for (String b : models) {
        if (!a.equals(b)) {
          WinRate w = winRate(judge, a, b);
          if (w.n() > 0) {
            out.add(w);
          }
        }
      }
    }
    return out;
  }

  /** Model to violation kind to the share of its brand-rule rows with that violation. */
  public Map<String, Map<String, Mean>> violationRates() {
    Map<String, Map<String, Mean>> out = new LinkedHashMap<>();
    for (String model : models) {
      List<ResultRow> own =
          rows.stream()
              .filter(r -> r.model().equals(model) && r.ok() && !r.violations().isEmpty())
              .filter(r -> r.judge().equals(OfflineJudges.BRAND_RULES))
              .toList();
      if (own.isEmpty()) {
        continue;
      }
      Set<String> kinds = new TreeSet<>(OfflineJudges.VIOLATIONS);
      own.forEach(r -> kinds.addAll(r.violations().keySet()));
      Map<String, Mean> m = new LinkedHashMap<>();
      for (String k : OfflineJudges.VIOLATIONS) {
        m.put(k, rate(own, k));
      }
      kinds.stream().filter(k -> !m.containsKey(k)).forEach(k -> m.put(k, rate(own, k)));
      out.put(model, m);
    }
    return out;
  }

  private static Mean rate(List<ResultRow> rows, String kind) {
    long hit = rows.stream().filter(r -> Boolean.TRUE.equals(r.violations().get(kind))).count();
    return new Mean(hit / (double) rows.size(), rows.size());
  }

  /** Length statistics of one model's copies (each prompt counted once). */
  public record LengthStats(int n, double mean, double median, int min, int max) {}

  public Map<String, LengthStats> lengthStats() {
    Map<String, LengthStats> out = new LinkedHashMap<>();
    for (String model : models) {
      Map<String, Integer> byPrompt = new TreeMap<>();
      rows.stream()
          .filter(r -> r.model().equals(model))
          .forEach(r -> byPrompt.putIfAbsent(r.promptId(), r.length()));
      int[] v = byPrompt.values().stream().mapToInt(Integer::intValue).sorted().toArray();
      if (v.length == 0) {
        continue;
      }
      double median =
          v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
      out.put(
          model,
          new LengthStats(
              v.length, Arrays.stream(v).average().orElse(0), median, v[0], v[v.length - 1]));
    }
    return out;
  }

  /** Pearson correlation between copy length and score for one judge (length bias), NaN if flat. */
  public double lengthCorrelation(String judge) {
    List<ResultRow> ok = rows.stream().filter(r -> r.judge().equals(judge) && r.ok()).toList();
    double[] x = ok.stream().mapToDouble(ResultRow::length).toArray();
    double[] y = ok.stream().mapToDouble(ResultRow::score).toArray();
    return ai.brandtune.judge.JudgeReliability.spearman(x, y);
  }

  /** A prompt where models' scores differ most: the spread and each model's row. */
  public record Difference(String promptId, double spread, Map<String, ResultRow> byModel) {}

  public List<Difference> mostDifferent(String judge, int limit) {
    Map<String, Map<String, ResultRow>> byPrompt = new TreeMap<>();
    for (ResultRow r : rows) {
      if (r.judge().equals(judge) && r.ok()) {
        byPrompt.computeIfAbsent(r.promptId(), k -> new LinkedHashMap<>()).put(r.model(), r);
      }
    }
    List<Difference> out = new ArrayList<>();
    byPrompt.forEach(
        (p, m) -> {
          if (m.size() >= 2) {
            double max = m.values().stream().mapToDouble(ResultRow::score).max().orElse(0);
            double min = m.values().stream().mapToDouble(ResultRow::score).min().orElse(0);
            out.add(new Difference(p, max - min, m));
          }
        });
    out.sort(
        Comparator.comparingDouble(Difference::spread)
            .reversed()
            .thenComparing(Difference::promptId));
    return out.subList(0, Math.min(limit, out.size()));
  }

  /** Judge to model to failed-row count. */
  public Map<String, Map<String, Integer>> failures() {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (ResultRow r : rows) {
      if (!r.ok()) {
        out.computeIfAbsent(r.judge(), k -> new LinkedHashMap<>())
            .merge(r.model(), 1, Integer::sum);
      }
    }
    return out;
  }

  /**
   * Share of comparative judgments whose two presentation orders disagreed (per prompt, counted
   * once), or NaN when the results hold no comparative rows.
   */
  public double positionBiasRate() {
    Map<String, Boolean> flips = new TreeMap<>();
    rows.stream()
        .filter(r -> r.judge().equals(OfflineJudges.LLM_COMPARATIVE) && r.positionFlip() != null)
        .forEach(r -> flips.putIfAbsent(r.run() + "/" + r.promptId(), r.positionFlip()));
    if (flips.isEmpty()) {
      return Double.NaN;
    }
    return flips.values().stream().filter(b -> b).count() / (double) flips.size();
  }
}

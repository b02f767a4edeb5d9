package ai.brandtune.brand.check;

import ai.brandtune.brand.BrandRules;
import ai.brandtune.brand.IntRange;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns findings into a score. Each component starts at 1 and loses {@code step} per error (half a
 * step per warning; infos cost nothing), floored at 0; length decays with the distance outside the
 * range; encouraged is the share of the minimum number of encouraged keywords used. The total is
 * the weighted mean of the components.
 */
final class Scoring {
  /** Penalty per error for each counted component (a warning costs half). */
  static final Map<Rule.Component, Double> STEP = new EnumMap<>(Rule.Component.class);

  static {
    STEP.put(Rule.Component.BANNED, 0.5);
    STEP.put(Rule.Component.HYPE, 0.25);
    STEP.put(Rule.Component.TONE, 0.5);
    STEP.put(Rule.Component.FACTS, 0.5);
    STEP.put(Rule.Component.FORMAT, 0.2);
  }

  private Scoring() {}

  static Score score(
      List<Finding> findings,
      int length,
      IntRange range,
      int encouragedUsed,
      int encouragedMin,
      BrandRules.ScoreWeights w) {
    Map<Rule.Component, Double> units = new EnumMap<>(Rule.Component.class);
    for (Finding f : findings) {
      double u =
          switch (f.severity()) {
            case ERROR -> 1.0;
            case WARNING -> 0.5;
            case INFO -> 0.0;
          };
      units.merge(f.rule().component(), u, Double::sum);
    }
    double banned = counted(units, Rule.Component.BANNED);
    double hype = counted(units, Rule.Component.HYPE);
    double tone = counted(units, Rule.Component.TONE);
    double facts = counted(units, Rule.Component.FACTS);
    double format = counted(units, Rule.Component.FORMAT);
    double len = lengthScore(length, range);
    double encouraged =
        encouragedMin <= 0 ? 1.0 : Math.min(1.0, encouragedUsed / (double) encouragedMin);
    double total =
        (w.banned() * banned
                + w.hype() * hype
                + w.tone() * tone
                + w.facts() * facts
                + w.format() * format
                + w.length() * len
                + w.encouraged() * encouraged)
            / w.sum();
    return new Score(total, banned, hype, tone, facts, format, len, encouraged);
  }

  private static double counted(Map<Rule.Component, Double> units, Rule.Component c) {
    return Math.max(0.0, 1.0 - STEP.get(c) * units.getOrDefault(c, 0.0));
  }

  /** 1 inside the range; n/min below it; max/n above it. */
  static double lengthScore(int n, IntRange range) {
    if (range.contains(n)) {
      return 1.0;
    }
    if (n < range.min()) {
      return range.min() == 0 ? 1.0 : n / (double) range.min();
    }
    return range.max() / (double) n;
  }
}

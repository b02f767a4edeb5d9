package ai.brandtune.synth;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.brand.check.Finding;
import ai.brandtune.brand.check.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a rejected variant carries the defect of its type, by the brand checker:
 *
 * <ul>
 *   <li>every type: differs from the chosen copy (whitespace aside);
 *   <li>{@code weak}: no banned word, hype, tone or fact error, and a lower score than the chosen;
 *   <li>{@code exaggerated}: more banned-word or hype findings ({@code banned}, {@code hype.*})
 *       than the chosen;
 *   <li>{@code fabricated}: a fact error ({@code fact.*}) the chosen does not have; when the
 *       generator knows the facts it planted, each of them must be flagged.
 * </ul>
 */
final class RejectVerifier {
  private final BrandKit kit;

  RejectVerifier(BrandKit kit) {
    this.kit = kit;
  }

  /** The outcome: accepted (with the false facts, for fabricated) or why not. */
  record Verdict(boolean ok, String reason, List<String> facts) {
    static Verdict fail(String reason) {
      return new Verdict(false, reason, List.of());
    }
  }

  /**
   * @param planted the false facts as written, when the generator knows them; null otherwise
   */
  Verdict verify(
      RejectType type,
      String chosen,
      CheckResult chosenCheck,
      String variant,
      CheckResult check,
      List<String> planted) {
    if (variant == null || variant.isBlank()) {
      return Verdict.fail("empty");
    }
    if (CopyText.sameText(chosen, variant)) {
      return Verdict.fail("same as the chosen copy");
    }
    return switch (type) {
      case WEAK -> weak(chosenCheck, check);
      case EXAGGERATED -> exaggerated(chosenCheck, check);
      case FABRICATED -> fabricated(chosenCheck, check, planted);
    };
  }

  private static Verdict weak(CheckResult chosen, CheckResult check) {
    for (Finding f : check.errors()) {
      Rule.Component c = f.rule().component();
      if (c == Rule.Component.BANNED
          || c == Rule.Component.HYPE
          || c == Rule.Component.TONE
          || c == Rule.Component.FACTS) {
        return Verdict.fail("weak variant breaks " + f.rule().id() + " (" + f.evidence() + ")");
      }
    }
    if (check.score().total() >= chosen.score().total()) {
      return Verdict.fail(
          String.format(
              Locale.ROOT,
              "weak variant scores %.3f, not below the chosen %.3f",
              check.score().total(),
              chosen.score().total()));
    }
    return new Verdict(true, "", List.of());
  }

  static long voiceFindings(CheckResult r) {
    return r.findings().stream()
        .filter(f -> f.rule() == Rule.BANNED || f.rule().component() == Rule.Component.HYPE)
        .count();
  }

  private static Verdict exaggerated(CheckResult chosen, CheckResult check) {
    if (voiceFindings(check) <= voiceFindings(chosen)) {
      return Verdict.fail("exaggerated variant has no banned word or hype beyond the chosen's");
    }
    return new Verdict(true, "", List.of());
  }

  private Verdict fabricated(CheckResult chosen, CheckResult check, List<String> planted) {
    Set<String> before = new HashSet<>();
    for (Finding f : chosen.factErrors()) {
      before.add(f.rule().id() + "|" + f.subject() + "|" + f.evidence());
    }
    List<Finding> fresh = new ArrayList<>();
    for (Finding f : check.factErrors()) {
      if (!before.contains(f.rule().id() + "|" + f.subject() + "|" + f.evidence())) {
        fresh.add(f);
      }
    }
    if (fresh.isEmpty()) {
      return Verdict.fail("fabricated variant has no fact error the checker finds");
    }
    if (planted != null) {
      for (String fact : planted) {
        if (fresh.stream().noneMatch(f -> flags(f, fact))) {
          return Verdict.fail("the planted fact " + fact + " is not flagged by the fact check");
        }
      }
      return new Verdict(true, "", List.copyOf(planted));
    }
    Set<String> facts = new LinkedHashSet<>();
    for (Finding f : fresh) {
      facts.add(f.evidence().isEmpty() ? f.subject() : f.evidence());
    }
    return new Verdict(true, "", List.copyOf(facts));
  }

  /** A fact error about {@code fact}: same words, same canonical subject, or same percentage. */
  private boolean flags(Finding f, String fact) {
    if (f.evidence().replaceAll("\\s+", "").equalsIgnoreCase(fact.replaceAll("\\s+", ""))) {
      return true;
    }
    String canonical =
        kit.canonicalIngredient(fact).or(() -> kit.canonicalEffect(fact)).orElse(fact);
    return f.subject().equals(canonical);
  }
}

package ai.brandtune.brand.check;

/**
 * The score of a copy and its components, each in [0, 1]; {@code total} is their weighted mean with
 * {@code brand.yaml}'s {@code score_weights} (see docs/brand-kit.md for the formulas).
 */
public record Score(
    double total,
    double banned,
    double hype,
    double tone,
    double facts,
    double format,
    double length,
    double encouraged) {

  public double component(Rule.Component c) {
    return switch (c) {
      case BANNED -> banned;
      case HYPE -> hype;
      case TONE -> tone;
      case FACTS -> facts;
      case FORMAT -> format;
      case LENGTH -> length;
      case ENCOURAGED -> encouraged;
    };
  }
}

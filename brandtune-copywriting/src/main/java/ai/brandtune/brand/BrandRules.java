package ai.brandtune.brand;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The checker's settings from {@code brand.yaml}'s {@code rules}: word lists, regular expressions
 * and score weights. A brand tunes its rules here, without code changes.
 *
 * @param minEncouragedKeywords distinct encouraged keywords a copy should use
 * @param maxExclamationMarks exclamation marks ({@code !} or {@code ！}) allowed per copy
 * @param absoluteTerms absolute claims the Advertising Law forbids (最, 第一, 国家级, ...)
 * @param absoluteTermExceptions words that contain an absolute term but are not claims (最近)
 * @param hypeTerms exaggerated internet slang that is not illegal but off-voice (封神, 炸裂)
 * @param anxietyTerms words that sell anxiety
 * @param anxietyPatterns regular expressions for anxiety phrasings (再不...就晚了)
 * @param mysteryTerms vague, mystifying words
 * @param ctaPhrases one of these must be in the last sentence where a content type requires a CTA
 * @param metaPatterns regular expressions for meta-commentary (这是一条...文案, 以下是)
 * @param scoreWeights how the score components combine
 */
public record BrandRules(
    int minEncouragedKeywords,
    int maxExclamationMarks,
    List<String> absoluteTerms,
    List<String> absoluteTermExceptions,
    List<String> hypeTerms,
    List<String> anxietyTerms,
    List<Pattern> anxietyPatterns,
    List<String> mysteryTerms,
    List<String> ctaPhrases,
    List<Pattern> metaPatterns,
    ScoreWeights scoreWeights) {

  public BrandRules {
    absoluteTerms = List.copyOf(absoluteTerms);
    absoluteTermExceptions = List.copyOf(absoluteTermExceptions);
    hypeTerms = List.copyOf(hypeTerms);
    anxietyTerms = List.copyOf(anxietyTerms);
    anxietyPatterns = List.copyOf(anxietyPatterns);
    mysteryTerms = List.copyOf(mysteryTerms);
    ctaPhrases = List.copyOf(ctaPhrases);
    metaPatterns = List.copyOf(metaPatterns);
  }

  /** Weights of the score components (any non-negative numbers; the score divides by their sum). */
  public record ScoreWeights(
      double banned,
      double hype,
      double tone,
      double facts,
      double format,
      double length,
      double encouraged) {

    public static final ScoreWeights DEFAULT =
        new ScoreWeights(0.2, 0.15, 0.1, 0.25, 0.15, 0.1, 0.05);

    public double sum() {
      return banned + hype + tone + facts + format + length + encouraged;
    }
  }
}

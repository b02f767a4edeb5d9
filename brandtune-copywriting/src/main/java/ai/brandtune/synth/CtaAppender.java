package ai.brandtune.synth;

import ai.brandtune.brand.BrandRules;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The offline fix for an ad without a call to action: append one CTA sentence, chosen by seed from
 * {@code offline_rules.yaml}'s {@code cta_sentences} that hold one of the brand's {@code
 * cta_phrases}, or built from a phrase when none does.
 */
final class CtaAppender {
  private final List<String> sentences;

  CtaAppender(BrandRules rules, OfflineRules offline) {
    List<String> usable = new ArrayList<>();
    for (String s : offline.ctaSentences()) {
      if (rules.ctaPhrases().stream().anyMatch(s::contains)) {
        usable.add(s);
      }
    }
    if (usable.isEmpty()) {
      for (String phrase : rules.ctaPhrases()) {
        usable.add(phrase + "了解更多。");
      }
    }
    this.sentences = List.copyOf(usable);
  }

  boolean canAppend() {
    return !sentences.isEmpty();
  }

  /** The copy with a CTA sentence at the end, and the sentence. */
  String[] append(String text, SplittableRandom random) {
    String sentence = sentences.get(random.nextInt(sentences.size()));
    String body = text.stripTrailing();
    if (!body.isEmpty() && "。！？!?…".indexOf(body.charAt(body.length() - 1)) < 0) {
      body += "。";
    }
    return new String[] {body + sentence, sentence};
  }
}

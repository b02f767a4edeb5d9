package ai.brandtune.brand;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one way kit terms and copy text are compared: Unicode NFKC (full-width {@code ＶＣ} becomes
 * {@code VC}, {@code ５％} becomes {@code 5%}) and then lower case, so {@code YYDS}, {@code ｙｙｄｓ} and
 * {@code yyds} are the same word.
 */
public final class Folding {
  private Folding() {}

  public static String fold(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  /** Folds one code point; usually one char, sometimes more (NFKC expands ligatures). */
  public static String foldCodePoint(int cp) {
    return fold(new String(Character.toChars(cp)));
  }
}

package ai.brandtune.brand.check;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Chinese negation around a mention. {@code 不含酒精} does not claim alcohol: it claims the product is
 * free from it. A cue right before a mention ({@code 不含/无/零添加/0添加/没有/不添加 X}) or right after it
 * ({@code X零添加}) negates it, and the negation carries over a list joined by 、和及与或 ({@code
 * 不含酒精、香精和色素}). Commas end the list: in {@code 不含酒精，烟酰胺5%} only alcohol is negated.
 */
final class Negation {
  /** A free-from cue that ends right before an ingredient (fillers like 任何/额外 allowed). */
  private static final Pattern PREFIX =
      Pattern.compile(
          "(不含有?|无添加|无|零添加|零|(?<![0-9.])0添加|(?<![0-9.])0|没有添加|没有|不添加|未添加|不加|拒绝添加|拒绝|摒弃|去除|剔除|舍弃|不使用|未使用|不用|免添加)"
              + "(任何|额外|多余的?|人工)?(添加)?(的)?$");

  /** A free-from cue that starts right after an ingredient: 酒精零添加, 香精和色素均未添加. */
  private static final Pattern SUFFIX =
      Pattern.compile("^(含量)?(都|均|全部|一律|也)?(是)?(零添加|0添加|无添加|不添加|未添加|没有添加|免添加|为0|为零|0%|零含量)");

  /** Words between two list items that carry a negation from one to the next. */
  private static final Pattern LIST_JOINER = Pattern.compile("^\\s*(、|和|及|与|以及|或|或者|/|跟)\\s*$");

  /** A denial right before an effect: 不能美白, 并不祛斑, 不是美白产品. */
  private static final Pattern EFFECT_DENIAL =
      Pattern.compile(
          "(不能|不会|无法|并不|不是|并非|没有|不具备|不主打|不宣称|不承诺|不等于|不代表|不可以|不可能|谈不上|做不到|不负责|不追求|不以)[^，,。；;！？!?\\n]{0,4}$");

  private Negation() {}

  /**
   * Which ingredient mentions are negated. {@code folded} is the folded copy; mentions are in text
   * order.
   */
  static boolean[] ingredients(String folded, List<Mention> mentions) {
    int n = mentions.size();
    boolean[] negated = new boolean[n];
    for (int i = 0; i < n; i++) {
      Mention m = mentions.get(i);
      String before = folded.substring(Math.max(0, m.foldedStart() - 10), m.foldedStart());
      negated[i] = PREFIX.matcher(before).find();
    }
    for (int i = 0; i < n; i++) {
      Mention m = mentions.get(i);
      String after = folded.substring(m.foldedEnd(), Math.min(folded.length(), m.foldedEnd() + 12));
      if (SUFFIX.matcher(after).find()) {
        negated[i] = true;
      }
    }
    // carry forward (不含A、B和C) and backward (A、B和C零添加) over list joiners
    for (int i = 1; i < n; i++) {
      if (negated[i - 1] && joined(folded, mentions.get(i - 1), mentions.get(i))) {
        negated[i] = true;
      }
    }
    for (int i = n - 2; i >= 0; i--) {
      if (!negated[i]
          && negated[i + 1]
          && joined(folded, mentions.get(i), mentions.get(i + 1))
          && suffixNegatedListEnd(folded, mentions, i + 1)) {
        negated[i] = true;
      }
    }
    return negated;
  }

  /** Whether the list that continues from mention {@code from} ends with a suffix negation. */
  private static boolean suffixNegatedListEnd(String folded, List<Mention> mentions, int from) {
    int j = from;
    while (j + 1 < mentions.size() && joined(folded, mentions.get(j), mentions.get(j + 1))) {
      j++;
    }
    Mention last = mentions.get(j);
    String after =
        folded.substring(last.foldedEnd(), Math.min(folded.length(), last.foldedEnd() + 12));
    return SUFFIX.matcher(after).find();
  }

  private static boolean joined(String folded, Mention a, Mention b) {
    return LIST_JOINER.matcher(folded.substring(a.foldedEnd(), b.foldedStart())).matches();
  }

  /** Whether an effect mention is denied (不能美白) rather than claimed. */
  static boolean effectDenied(String folded, Mention m) {
    String before = folded.substring(Math.max(0, m.foldedStart() - 10), m.foldedStart());
    return EFFECT_DENIAL.matcher(before).find();
  }
}

package ai.brandtune.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Learns a byte-level BPE vocabulary from a corpus, as Hugging Face tokenizers' BpeTrainer does for
 * GPT-2 style tokenizers: the text is split with GPT-2's pre-tokenizer pattern, each piece becomes
 * its UTF-8 bytes (in GPT-2's byte-to-character alphabet), and the most frequent adjacent pair is
 * merged until the vocabulary is full. Written with {@link ByteLevelTokenizer#writeTo(
 * java.nio.file.Path, Vocabulary)} it gives a tokenizer.json that any HF tokenizer loads and that
 * encodes any text (unseen characters fall back to their bytes).
 *
 * <p>Why: a model trained from scratch on a brand's corpus (the pipeline's built-in default) needs
 * a tokenizer that fits that corpus; Chinese copy in raw bytes is three tokens a character and
 * makes every sequence three times longer.
 */
public final class BpeTrainer {
  /** GPT-2's pre-tokenizer pattern, the one HF's ByteLevel pre-tokenizer applies. */
  static final Pattern GPT2_SPLIT =
      Pattern.compile(
          "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

  /**
   * How text is cut into pieces before BPE, which merges never cross.
   *
   * <ul>
   *   <li>{@code WORDS}: GPT-2's pattern (letters, digits, punctuation and spaces apart), the usual
   *       choice for general text;
   *   <li>{@code LINES}: only newlines cut, so merges may span words and punctuation. For a small
   *       domain corpus whose prompts repeat whole lines (a brand's system prompt and prompt
   *       template) this turns each repeated line into a few tokens, and makes sequences several
   *       times shorter than {@code WORDS} for the same vocabulary size.
   * </ul>
   */
  public enum Splitting {
    WORDS,
    LINES
  }

  /** Lines and the newlines between them, each a piece (HF's Split on "\n", Isolated). */
  static final Pattern LINE_SPLIT = Pattern.compile("\n|[^\n]+");

  /** One merge rule: two tokens whose concatenation becomes one. */
  public record Merge(String left, String right) {}

  /**
   * What training learned.
   *
   * @param tokens the tokens beyond the 256 byte tokens, in id order
   * @param merges the merge rules, highest priority first
   * @param splitting how text was cut before BPE; the tokenizer must cut the same way
   */
  public record Vocabulary(List<String> tokens, List<Merge> merges, Splitting splitting) {
    public Vocabulary {
      tokens = List.copyOf(tokens);
      merges = List.copyOf(merges);
    }
  }

  private BpeTrainer() {}

  /**
   * @param texts the corpus
   * @param learnedTokens how many tokens to learn beyond the 256 byte tokens (fewer when the corpus
   *     runs out of pairs seen at least {@code minFrequency} times)
   * @param minFrequency the least count a pair needs to be merged
   * @param splitting how text is cut into pieces first
   */
  public static Vocabulary train(
      Iterable<String> texts, int learnedTokens, int minFrequency, Splitting splitting) {
    String[] byteChars = ByteLevelTokenizer.byteToUnicode();
    Map<String, Integer> pieceCounts = new LinkedHashMap<>();
    Pattern split = splitting == Splitting.WORDS ? GPT2_SPLIT : LINE_SPLIT;
    for (String text : texts) {
      Matcher m = split.matcher(text);
      while (m.find()) {
        pieceCounts.merge(m.group(), 1, Integer::sum);
      }
    }
    List<String> names = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    for (String c : byteChars) {
      ids.put(c, names.size());
      names.add(c);
    }
    int n = pieceCounts.size();
    int[][] words = new int[n][];
    long[] freq = new long[n];
    int w = 0;
    for (var e : pieceCounts.entrySet()) {
      byte[] bytes = e.getKey().getBytes(StandardCharsets.UTF_8);
      int[] symbols = new int[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        symbols[i] = bytes[i] & 0xff;
      }
      words[w] = symbols;
      freq[w++] = e.getValue();
    }
    Map<Long, Long> counts = new HashMap<>();
    Map<Long, Set<Integer>> where = new HashMap<>();
    for (int i = 0; i < n; i++) {
      addPairs(words[i], freq[i], i, counts, where, null);
    }
    // highest count first; ties broken by the pair's ids so a corpus always trains the same way
    PriorityQueue<long[]> queue =
        new PriorityQueue<>(
            (a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
    counts.forEach((pair, count) -> queue.add(new long[] {count, pair}));
    List<String> learned = new ArrayList<>();
    List<Merge> merges = new ArrayList<>();
    while (learned.size() < learnedTokens && !queue.isEmpty()) {
      long[] top = queue.poll();
      long pair = top[1];
      long current = counts.getOrDefault(pair, 0L);
      if (current != top[0]) {
        continue; // stale entry: the pair's count changed since it was queued
      }
      if (current < minFrequency) {
        break;
      }
      int left = (int) (pair >>> 32);
      int right = (int) pair;
      String merged = names.get(left) + names.get(right);
      Integer id = ids.get(merged);
      if (id == null) {
        id = names.size();
        ids.put(merged, id);
        names.add(merged);
        learned.add(merged);
      }
      merges.add(new Merge(names.get(left), names.get(right)));
      Set<Long> changed = new TreeSet<>();
      for (int i : new TreeSet<>(where.getOrDefault(pair, Set.of()))) {
        words[i] = merge(words[i], left, right, id, freq[i], i, counts, where, changed);
      }
      counts.remove(pair);
      where.remove(pair);
      for (long p : changed) {
        Long c = counts.get(p);
        if (c != null && c > 0) {
          queue.add(new long[] {c, p});
        }
      }
    }
    return new Vocabulary(learned, merges, splitting);
  }

  private static long key(int left, int right) {
    return ((long) left << 32) | (right & 0xffffffffL);
  }

  /**
   * Merges every occurrence of (left, right) in one word, left to right, and updates the counts of
   * the neighbouring pairs only (as HF's trainer does), so a merge costs its occurrences, not the
   * length of every word holding it. The merged pair's own count is dropped by the caller.
   */
  private static int[] merge(
      int[] word,
      int left,
      int right,
      int id,
      long freq,
      int index,
      Map<Long, Long> counts,
      Map<Long, Set<Integer>> where,
      Set<Long> changed) {
    int[] out = new int[word.length];
    int k = 0;
    int i = 0;
    while (i < word.length) {
      if (i + 1 < word.length && word[i] == left && word[i + 1] == right) {
        if (k > 0) {
          int prev = out[k - 1];
          count(key(prev, left), -freq, index, counts, where, changed);
          count(key(prev, id), freq, index, counts, where, changed);
        }
        if (i + 2 < word.length) {
          int next = word[i + 2];
          count(key(right, next), -freq, index, counts, where, changed);
          count(key(id, next), freq, index, counts, where, changed);
        }
        out[k++] = id;
        i += 2;
      } else {
        out[k++] = word[i++];
      }
    }
    return k == word.length ? word : java.util.Arrays.copyOf(out, k);
  }

  private static void count(
      long pair,
      long delta,
      int index,
      Map<Long, Long> counts,
      Map<Long, Set<Integer>> where,
      Set<Long> changed) {
    counts.merge(pair, delta, Long::sum);
    if (delta > 0) {
      where.computeIfAbsent(pair, k -> new java.util.HashSet<>()).add(index);
    }
    changed.add(pair);
  }

  private static void addPairs(
      int[] word,
      long freq,
      int index,
      Map<Long, Long> counts,
      Map<Long, Set<Integer>> where,
      Set<Long> changed) {
    for (int i = 0; i + 1 < word.length; i++) {
      long p = key(word[i], word[i + 1]);
      counts.merge(p, freq, Long::sum);
      where.computeIfAbsent(p, k -> new java.util.HashSet<>()).add(index);
      if (changed != null) {
        changed.add(p);
      }
    }
  }
}

package ai.brandtune.synth;

import java.util.SplittableRandom;

/**
 * Random streams derived from the run's seed and an item's identity (product, content type, slot,
 * attempt), so each item's choices depend only on the seed and the item, not on the order or the
 * number of other items: filtering products or resuming a run leaves every other item unchanged.
 */
final class Seeds {
  private Seeds() {}

  /** A stream for the seed and the parts, stable across JVMs and runs. */
  static SplittableRandom random(long seed, Object... parts) {
    return new SplittableRandom(mix(seed, parts));
  }

  static long mix(long seed, Object... parts) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (Object part : parts) {
      String s = String.valueOf(part);
      for (int i = 0; i < s.length(); i++) {
        h ^= s.charAt(i);
        h *= 0x100000001b3L;
      }
      h ^= 0x1f; // separator, so ("ab","c") and ("a","bc") differ
      h *= 0x100000001b3L;
    }
    // splitmix64 finalizer spreads FNV's weak low bits
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}

package ai.brandtune.cli;

import java.util.SplittableRandom;

/**
 * Seeded random token ids for benchmarks: throughput does not depend on which tokens run, and
 * random ids need no tokenizer and no text corpus.
 */
final class RandomTokens {
  private final SplittableRandom random;
  private final int vocabSize;

  RandomTokens(long seed, int vocabSize) {
    this.random = new SplittableRandom(seed);
    this.vocabSize = vocabSize;
  }

  long[] row(int length) {
    long[] ids = new long[length];
    for (int i = 0; i < length; i++) {
      ids[i] = random.nextInt(vocabSize);
    }
    return ids;
  }

  long[][] rows(int count, int length) {
    long[][] ids = new long[count][];
    for (int r = 0; r < count; r++) {
      ids[r] = row(length);
    }
    return ids;
  }
}

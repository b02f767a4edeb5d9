package ai.brandtune.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTrainerTest {
  @TempDir Path dir;

  /**
   * Hand-worked: pieces aaab, aab, ab. Pair counts aa=3, ab=3: the tie goes to the smaller ids, so
   * "a a" merges first. Then aaab = [aa a b], aab = [aa b], ab = [a b]: ab=2 wins. After that every
   * pair is seen once, below min_frequency 2.
   */
  @Test
  void learnsTheMostFrequentPairsInOrderAndStopsBelowTheMinimumFrequency() {
    BpeTrainer.Vocabulary v =
        BpeTrainer.train(List.of("aaab", "aab", "ab"), 10, 2, BpeTrainer.Splitting.LINES);
    assertThat(v.merges())
        .containsExactly(new BpeTrainer.Merge("a", "a"), new BpeTrainer.Merge("a", "b"));
    assertThat(v.tokens()).containsExactly("aa", "ab");
  }

  /** HF's own BPE (through DJL) applies the written merges as the trainer learned them. */
  @Test
  void theWrittenTokenizerEncodesWithTheLearnedMergesInHuggingFaceTokenizers() throws Exception {
    BpeTrainer.Vocabulary v =
        BpeTrainer.train(List.of("aaab", "aab", "ab"), 10, 2, BpeTrainer.Splitting.LINES);
    ByteLevelTokenizer.writeTo(dir, v);
    try (HfTokenizer t = HfTokenizer.load(dir)) {
      assertThat(t.encode("aaab")).containsExactly(256, 257); // [aa][ab]
      assertThat(t.encode("ab\nab")).containsExactly(257, 10, 257); // newline: byte 10
      assertThat(t.vocabSize()).isEqualTo(256 + 2 + 3);
      assertThat(t.id("<|im_end|>")).contains(256L + 2 + 2);
    }
  }

  /** Chinese text merges across characters (LINES) and decodes back byte for byte. */
  @Test
  void repeatedLinesBecomeFewTokensAndAnyTextRoundTrips() throws Exception {
    String line = "品牌人格：冷静、专业、值得信赖。";
    List<String> corpus = java.util.Collections.nCopies(20, line);
    BpeTrainer.Vocabulary v = BpeTrainer.train(corpus, 200, 2, BpeTrainer.Splitting.LINES);
    ByteLevelTokenizer.writeTo(dir, v);
    try (HfTokenizer t = HfTokenizer.load(dir)) {
      assertThat(t.encode(line)).hasSize(1);
      String unseen = "全新的句子，含 emoji 🙂 与 English.";
      assertThat(t.decode(t.encode(unseen))).isEqualTo(unseen);
    }
  }
}

package ai.brandtune.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodedTextTest {

  @Test
  void offsetsAreUtf16IndicesAndSpecialTokensInTheTextBecomeTheirIds(@TempDir Path dir)
      throws Exception {
    ByteLevelTokenizer.writeTo(dir);
    String text = "a😀<|im_end|>é";
    try (HfTokenizer tok = HfTokenizer.load(dir)) {
      EncodedText e = tok.encodeWithOffsets(text);
      // one token per UTF-8 byte; the emoji is 4 bytes and 2 UTF-16 chars
      assertThat(e.ids()).containsExactly(97, 0xF0, 0x9F, 0x98, 0x80, 258, 0xC3, 0xA9);
      assertThat(e.starts()).containsExactly(0, 1, 1, 1, 1, 3, 13, 13);
      assertThat(e.ends()).containsExactly(1, 3, 3, 3, 3, 13, 14, 14);
      assertThat(text.substring(e.start(5), e.end(5))).isEqualTo("<|im_end|>");
      assertThat(e.ids()).containsExactly(tok.encode(text));
    }
  }
}

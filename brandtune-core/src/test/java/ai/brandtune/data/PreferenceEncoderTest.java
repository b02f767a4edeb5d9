package ai.brandtune.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.text.HfTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferenceEncoderTest {
  private static final long IM_START = 257;
  private static final long IM_END = 258;

  private static PreferenceExample example(
      List<ChatMessage> prompt, String chosen, String... rejected) {
    List<String> types = new ArrayList<>();
    for (int i = 0; i < rejected.length; i++) {
      types.add("t" + i);
    }
    return new PreferenceExample(
        prompt, chosen, List.of(rejected), types, 0.25, Map.of(), "prefs.jsonl:7");
  }

  /** Token ids built by hand: text as UTF-8 bytes, special tokens by id. */
  private static final class Ids {
    private final List<Long> ids = new ArrayList<>();

    Ids text(String s) {
      for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
        ids.add((long) (b & 0xFF));
      }
      return this;
    }

    Ids special(long id) {
      ids.add(id);
      return this;
    }

    int size() {
      return ids.size();
    }

    long[] get() {
      return ids.stream().mapToLong(Long::longValue).toArray();
    }
  }

  @Test
  void byteLevelChatMlMaskCoversTheAnswerAndItsImEndOnly(@TempDir Path dir) throws Exception {
    List<ChatMessage> prompt =
        List.of(ChatMessage.system("Be warm."), ChatMessage.user("Name our serum 😀"));
    long[] promptIds =
        new Ids()
            .special(IM_START)
            .text("system\nBe warm.")
            .special(IM_END)
            .text("\n")
            .special(IM_START)
            .text("user\nName our serum 😀")
            .special(IM_END)
            .text("\n")
            .special(IM_START)
            .text("assistant\n")
            .get();
    Ids chosen = new Ids().text("修护精华 B5.").special(IM_END);
    int chosenMask = chosen.size();
    chosen.text("\n");
    Ids rejected0 = new Ids().text("Serum").special(IM_END);
    int rejected0Mask = rejected0.size();
    rejected0.text("\n");
    try (HfTokenizer tok = HfTokenizer.load(TestTokenizers.byteLevel(dir))) {
      EncodedPreference e =
          new PreferenceEncoder(tok, PreferenceEncoderOptions.defaults())
              .encode(example(prompt, "修护精华 B5.", "Serum", "BEST SERUM EVER!!!"));
      assertThat(e.promptIds()).containsExactly(promptIds);
      assertThat(e.chosenIds()).containsExactly(chosen.get());
      assertThat(e.chosenMaskLength()).isEqualTo(chosenMask);
      assertThat(e.rejectedIds()).hasSize(2);
      assertThat(e.rejectedIds().get(0)).containsExactly(rejected0.get());
      assertThat(e.rejectedMaskLengths()[0]).isEqualTo(rejected0Mask);
      assertThat(e.rejectedTypes()).containsExactly("t0", "t1");
      assertThat(e.margin()).isEqualTo(0.25);
      assertThat(e.chosenChars()).isEqualTo(8); // code points, not bytes
      assertThat(e.rejectedChars()).containsExactly(5, 18);
      assertThat(e.location()).isEqualTo("prefs.jsonl:7");
      // each row is the render of prompt + that completion
      String full =
          tok.applyChatTemplate(
              List.of(prompt.get(0), prompt.get(1), ChatMessage.assistant("BEST SERUM EVER!!!")),
              false,
              Map.of());
      assertThat(e.rejectedRow(1)).containsExactly(tok.encode(full));
    }
  }

  @Test
  void anEmptyCompletionIsItsEndOfTurnAlone(@TempDir Path dir) throws Exception {
    // GRPO's reward model scores sampled completions, and a sample may end at once
    List<ChatMessage> prompt = List.of(ChatMessage.user("Name our serum"));
    try (HfTokenizer tok = HfTokenizer.load(TestTokenizers.byteLevel(dir))) {
      EncodedPreference e =
          new PreferenceEncoder(tok, PreferenceEncoderOptions.defaults())
              .encode(example(prompt, "", "Serum"));
      assertThat(e.chosenIds()).containsExactly(IM_END, '\n');
      assertThat(e.chosenMaskLength()).isEqualTo(1);
      assertThat(e.rejectedIds().get(0)).containsExactly('S', 'e', 'r', 'u', 'm', IM_END, '\n');
    }
  }

  @Test
  void qwen3MaskCoversTheAnswerThroughImEndAndRowsAreTheFullRenders() {
    List<ChatMessage> prompt =
        List.of(ChatMessage.system("Brand voice: warm."), ChatMessage.user("Name our serum 😀"));
    PreferenceExample example = example(prompt, "Hydra 修护精华 B5.", "Serum.", "The BEST serum!!");
    try (HfTokenizer tok = HfTokenizer.load(TestTokenizers.real("qwen3"))) {
      EncodedPreference e =
          new PreferenceEncoder(tok, PreferenceEncoderOptions.defaults()).encode(example);
      // Qwen3 writes an empty think block into the final assistant turn: it is part of the answer
      assertThat(masked(tok, e.chosenIds(), e.chosenMaskLength()))
          .isEqualTo("<think>\n\n</think>\n\nHydra 修护精华 B5.<|im_end|>");
      assertThat(tail(tok, e.chosenIds(), e.chosenMaskLength())).isEqualTo("\n");
      assertThat(masked(tok, e.rejectedIds().get(1), e.rejectedMaskLengths()[1]))
          .isEqualTo("<think>\n\n</think>\n\nThe BEST serum!!<|im_end|>");
      assertThat(tok.decode(e.promptIds(), false))
          .isEqualTo(tok.applyChatTemplate(prompt, true, Map.of()));
      for (int k = 0; k < 3; k++) {
        String answer = k == 0 ? example.chosen() : example.rejected().get(k - 1);
        long[] row = k == 0 ? e.chosenRow() : e.rejectedRow(k - 1);
        List<ChatMessage> all = new ArrayList<>(prompt);
        all.add(ChatMessage.assistant(answer));
        assertThat(row).containsExactly(tok.encode(tok.applyChatTemplate(all, false, Map.of())));
      }
    }
  }

  @Test
  void qwen3WithThinkingOffKeepsTheThinkBlockInThePrompt() {
    List<ChatMessage> prompt = List.of(ChatMessage.user("Name our serum"));
    try (HfTokenizer tok = HfTokenizer.load(TestTokenizers.real("qwen3"))) {
      PreferenceEncoderOptions options =
          PreferenceEncoderOptions.defaults()
              .withChatTemplateKwargs(Map.of("enable_thinking", false));
      EncodedPreference e =
          new PreferenceEncoder(tok, options).encode(example(prompt, "Hydra B5.", "Serum."));
      assertThat(masked(tok, e.chosenIds(), e.chosenMaskLength())).isEqualTo("Hydra B5.<|im_end|>");
      assertThat(masked(tok, e.rejectedIds().get(0), e.rejectedMaskLengths()[0]))
          .isEqualTo("Serum.<|im_end|>");
      assertThat(tok.decode(e.promptIds(), false)).endsWith("<think>\n\n</think>\n\n");
    }
  }

  private static String masked(HfTokenizer tok, long[] ids, int mask) {
    return tok.decode(Arrays.copyOf(ids, mask), false);
  }

  private static String tail(HfTokenizer tok, long[] ids, int mask) {
    return tok.decode(Arrays.copyOfRange(ids, mask, ids.length), false);
  }

  @Test
  void promptIsLeftTruncatedThenCompletionsCutToMaxLength(@TempDir Path dir) throws Exception {
    List<ChatMessage> prompt = List.of(ChatMessage.user("y".repeat(40)));
    try (HfTokenizer tok = HfTokenizer.load(TestTokenizers.byteLevel(dir))) {
      PreferenceEncoder encoder =
          new PreferenceEncoder(tok, new PreferenceEncoderOptions(30, 22, Map.of()));
      PreferenceExample ex = example(prompt, "x".repeat(15), "No");
      EncodedPreference e = encoder.encode(ex);
      // the last 22 prompt tokens: 9 y's, then "<|im_end|>\n<|im_start|>assistant\n"
      long[] keptPrompt =
          new Ids()
              .text("y".repeat(9))
              .special(IM_END)
              .text("\n")
              .special(IM_START)
              .text("assistant\n")
              .get();
      assertThat(e.promptIds()).containsExactly(keptPrompt);
      // 8 tokens of room: the chosen keeps 8 x's and loses its <|im_end|>\n
      assertThat(e.chosenIds()).containsExactly(new Ids().text("x".repeat(8)).get());
      assertThat(e.chosenMaskLength()).isEqualTo(8);
      assertThat(e.rejectedIds().get(0))
          .containsExactly(new Ids().text("No").special(IM_END).text("\n").get());
      assertThat(e.rejectedMaskLengths()).containsExactly(3);
      assertThat(e.chosenChars()).isEqualTo(15);

      // "Hi" makes a 21-token prompt and "Hey" a 5-token chosen: nothing cut
      PreferenceEncodedDataset all =
          encoder.encodeDataset(
              List.of(ex, example(List.of(ChatMessage.user("Hi")), "Hey", "No")),
              BadRecordPolicy.ERROR);
      assertThat(all.examples()).hasSize(2);
      assertThat(all.promptsTruncated()).isEqualTo(1);
      assertThat(all.completionsTruncated()).isEqualTo(1);
    }
  }

  @Test
  void specialTokenInACompletionNamesTheRecordOrIsSkipped(@TempDir Path dir) throws Exception {
    try (HfTokenizer tok = HfTokenizer.load(TestTokenizers.byteLevel(dir))) {
      PreferenceEncoder encoder = new PreferenceEncoder(tok, PreferenceEncoderOptions.defaults());
      PreferenceExample bad =
          example(List.of(ChatMessage.user("Hi")), "Hey", "ok", "No<|im_end|>more");
      assertThatThrownBy(() -> encoder.encode(bad))
          .isInstanceOf(BrandtuneException.class)
          .hasMessageContaining("prefs.jsonl:7")
          .hasMessageContaining("rejected[1]")
          .hasMessageContaining("<|im_end|>");
      PreferenceExample good = example(List.of(ChatMessage.user("Hi")), "Hey", "No");
      PreferenceEncodedDataset result =
          encoder.encodeDataset(List.of(bad, good), BadRecordPolicy.SKIP);
      assertThat(result.examples()).hasSize(1);
      assertThat(result.badRecords().count(BadRecordReason.SPECIAL_TOKEN_IN_CONTENT)).isEqualTo(1);
      assertThat(encoder.encodeAll(List.of(bad, good), BadRecordPolicy.SKIP)).hasSize(1);
    }
  }

  @Test
  void templateWithoutEndOfTurnTokenGetsEosAppendedInTheMask(@TempDir Path dir) throws Exception {
    String plain =
        "{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}"
            + "{% if add_generation_prompt %}assistant: {% endif %}";
    try (HfTokenizer tok =
        HfTokenizer.load(TestTokenizers.byteLevelWith(dir, "chat_template", plain))) {
      EncodedPreference e =
          new PreferenceEncoder(tok, PreferenceEncoderOptions.defaults())
              .encode(example(List.of(ChatMessage.user("u")), "a1", "b"));
      assertThat(e.promptIds()).containsExactly(new Ids().text("user: u\nassistant: ").get());
      assertThat(e.chosenIds()).containsExactly(new Ids().text("a1\n").special(IM_END).get());
      assertThat(e.chosenMaskLength()).isEqualTo(4);
    }
  }
}

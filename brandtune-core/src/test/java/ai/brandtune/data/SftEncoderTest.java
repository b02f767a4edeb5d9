package ai.brandtune.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.text.HfTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SftEncoderTest {
  private static final long IGNORE = SftExample.IGNORE_INDEX;
  private static final long IM_START = 257;
  private static final long IM_END = 258;

  /** system, user, assistant, user, assistant; an emoji and CJK text shift the char offsets. */
  private static final List<ChatMessage> CONVERSATION =
      List.of(
          ChatMessage.system("Brand voice: warm."),
          ChatMessage.user("Name our serum 😀"),
          ChatMessage.assistant("修护精华 B5."),
          ChatMessage.user("Shorter?"),
          ChatMessage.assistant("B5."));

  private static ChatExample example(List<ChatMessage> messages) {
    return new ChatExample(messages, Map.of(), "test.jsonl:1");
  }

  /** Hand-built ids and labels: text as UTF-8 bytes or a special id, each labelled or not. */
  private static final class Expected {
    final List<Long> ids = new ArrayList<>();
    final List<Long> labels = new ArrayList<>();

    Expected text(String s, boolean labelled) {
      for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
        add(b & 0xFF, labelled);
      }
      return this;
    }

    Expected special(long id, boolean labelled) {
      add(id, labelled);
      return this;
    }

    private void add(long id, boolean labelled) {
      ids.add(id);
      labels.add(labelled ? id : IGNORE);
    }

    long[] ids() {
      return ids.stream().mapToLong(Long::longValue).toArray();
    }

    long[] labels() {
      return labels.stream().mapToLong(Long::longValue).toArray();
    }
  }

  @Test
  void byteLevelChatMlLabelsExactlyTheAssistantTurnsAndTheirImEnd(@TempDir Path dir)
      throws Exception {
    Expected expected =
        new Expected()
            .special(IM_START, false)
            .text("system\nBrand voice: warm.", false)
            .special(IM_END, false)
            .text("\n", false)
            .special(IM_START, false)
            .text("user\nName our serum 😀", false)
            .special(IM_END, false)
            .text("\n", false)
            .special(IM_START, false)
            .text("assistant\n", false)
            .text("修护精华 B5.", true)
            .special(IM_END, true)
            .text("\n", false)
            .special(IM_START, false)
            .text("user\nShorter?", false)
            .special(IM_END, false)
            .text("\n", false)
            .special(IM_START, false)
            .text("assistant\n", false)
            .text("B5.", true)
            .special(IM_END, true)
            .text("\n", false);
    try (HfTokenizer tok = HfTokenizer.load(TestTokenizers.byteLevel(dir))) {
      SftExample encoded =
          new SftEncoder(tok, SftEncoderOptions.defaults()).encode(example(CONVERSATION));
      assertThat(encoded.inputIds()).containsExactly(expected.ids());
      assertThat(encoded.labels()).containsExactly(expected.labels());
      assertThat(encoded.location()).isEqualTo("test.jsonl:1");
    }
  }

  static Stream<Arguments> realTemplates() {
    return Stream.of(
        // Qwen3 puts an empty think block into the final assistant turn: it is labelled with it
        Arguments.of("qwen3", "Hydra 修护精华 B5.<|im_end|>", "<think>\n\n</think>\n\nB5.<|im_end|>"),
        Arguments.of("llama3_1", "Hydra 修护精华 B5.<|eot_id|>", "B5.<|eot_id|>"),
        Arguments.of("deepseek_v3", "Hydra 修护精华 B5.<｜end▁of▁sentence｜>", "B5.<｜end▁of▁sentence｜>"),
        Arguments.of("gemma3", "Hydra 修护精华 B5.<end_of_turn>", "B5.<end_of_turn>"));
  }

  @ParameterizedTest
  @MethodSource("realTemplates")
  void realTemplatesLabelTheAssistantContentsAndTheirEndOfTurnTokens(
      String name, String firstTurn, String secondTurn) {
    List<ChatMessage> messages =
        List.of(
            ChatMessage.system("Brand voice: warm."),
            ChatMessage.user("Name our serum 😀"),
            ChatMessage.assistant("Hydra 修护精华 B5."),
            ChatMessage.user("Shorter?"),
            ChatMessage.assistant("B5."));
    try (HfTokenizer tok = HfTokenizer.load(TestTokenizers.real(name))) {
      SftExample encoded =
          new SftEncoder(tok, SftEncoderOptions.defaults()).encode(example(messages));
      assertThat(labelledRuns(tok, encoded)).containsExactly(firstTurn, secondTurn);
      // the ids are the tokenization of the full render, nothing added or lost
      String full = tok.applyChatTemplate(messages, false, Map.of());
      assertThat(tok.decode(encoded.inputIds(), false)).isEqualTo(full);
    }
  }

  @Test
  void qwen3WithThinkingOffPutsTheEmptyThinkBlockIntoThePrompt() {
    try (HfTokenizer tok = HfTokenizer.load(TestTokenizers.real("qwen3"))) {
      SftEncoderOptions options =
          SftEncoderOptions.defaults().withChatTemplateKwargs(Map.of("enable_thinking", false));
      SftExample encoded = new SftEncoder(tok, options).encode(example(CONVERSATION));
      assertThat(labelledRuns(tok, encoded)).containsExactly("修护精华 B5.<|im_end|>", "B5.<|im_end|>");
    }
  }

  /** Decoded runs of consecutive labelled tokens (labels equal to their ids). */
  private static List<String> labelledRuns(HfTokenizer tok, SftExample e) {
    List<String> runs = new ArrayList<>();
    List<Long> run = new ArrayList<>();
    for (int t = 0; t <= e.length(); t++) {
      if (t < e.length() && e.labels()[t] != IGNORE) {
        assertThat(e.labels()[t]).isEqualTo(e.inputIds()[t]);
        run.add(e.labels()[t]);
      } else if (!run.isEmpty()) {
        runs.add(tok.decode(run.stream().mapToLong(Long::longValue).toArray(), false));
        run.clear();
      }
    }
    return runs;
  }

  @Test
  void padTokenEqualToEosStillLabelsEndOfTurnAndNeverPadding(@TempDir Path dir) throws Exception {
    try (HfTokenizer tok =
        HfTokenizer.load(TestTokenizers.byteLevelWith(dir, "pad_token", "<|im_end|>"))) {
      assertThat(tok.padTokenId()).isEqualTo(tok.eosTokenId()).contains(IM_END);
      SftEncoder encoder = new SftEncoder(tok, SftEncoderOptions.defaults());
      SftExample longer = encoder.encode(example(CONVERSATION));
      SftExample shorter =
          encoder.encode(example(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hey"))));
      SftBatch batch = SftCollator.forTokenizer(tok).padded(List.of(shorter, longer));

      // the short row: both im_end tokens are real, the one closing the answer is labelled
      long[] ids = batch.inputIds()[0];
      long[] labels = batch.labels()[0];
      int n = shorter.length();
      assertThat(n).isLessThan(batch.length());
      assertThat(labels[n - 2]).isEqualTo(IM_END); // "Hey<|im_end|>" then "\n"
      assertThat(labels[n - 1]).isEqualTo(IGNORE);
      for (int t = n; t < batch.length(); t++) {
        assertThat(ids[t]).as("padding is the pad id, here im_end").isEqualTo(IM_END);
        assertThat(labels[t]).as("padding is never labelled").isEqualTo(IGNORE);
        assertThat(batch.attention()[0][t]).isFalse();
      }
      assertThat(batch.attention()[0]).startsWith(true);
      assertThat(countLabelled(batch.labels()[1], IM_END)).isEqualTo(2); // one per assistant turn
      assertThat(batch.labelledTokens())
          .isEqualTo(shorter.labelledTokens() + longer.labelledTokens());
    }
  }

  private static long countLabelled(long[] labels, long id) {
    long n = 0;
    for (long l : labels) {
      if (l == id) {
        n++;
      }
    }
    return n;
  }

  @Test
  void trainOnPromptLabelsEveryToken(@TempDir Path dir) throws Exception {
    try (HfTokenizer tok = HfTokenizer.load(TestTokenizers.byteLevel(dir))) {
      SftExample e =
          new SftEncoder(tok, SftEncoderOptions.defaults().withTrainOnPrompt(true))
              .encode(example(CONVERSATION));
      assertThat(e.labels()).containsExactly(e.inputIds());
    }
  }

  @Test
  void promptAssistantTurnsOfPromptCompletionRecordsAreContextOnly(@TempDir Path dir)
      throws Exception {
    ChatExample fewShot =
        new ChatExample(
            List.of(
                ChatMessage.user("Q1"),
                ChatMessage.assistant("A1"),
                ChatMessage.user("Q2"),
                ChatMessage.assistant("A2")),
            Map.of(),
            "x.jsonl:3",
            3);
    try (HfTokenizer tok = HfTokenizer.load(TestTokenizers.byteLevel(dir))) {
      SftExample e = new SftEncoder(tok, SftEncoderOptions.defaults()).encode(fewShot);
      assertThat(labelledRuns(tok, e)).containsExactly("A2<|im_end|>");
    }
  }

  @Test
  void templateWithoutEndOfTurnTokenGetsEosAppendedAndLabelled(@TempDir Path dir) throws Exception {
    String plain =
        "{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}"
            + "{% if add_generation_prompt %}assistant: {% endif %}";
    try (HfTokenizer tok =
        HfTokenizer.load(TestTokenizers.byteLevelWith(dir, "chat_template", plain))) {
      SftExample e =
          new SftEncoder(tok, SftEncoderOptions.defaults())
              .encode(
                  example(
                      List.of(
                          ChatMessage.user("u1"),
                          ChatMessage.assistant("a1"),
                          ChatMessage.user("u2"),
                          ChatMessage.assistant("a2"))));
      assertThat(e.inputIds()[e.length() - 1]).isEqualTo(IM_END); // the EOS
      assertThat(labelledRuns(tok, e)).containsExactly("a1", "a2\n<|im_end|>");
      assertThat(tok.decode(e.inputIds(), false))
          .isEqualTo("user: u1\nassistant: a1\nuser: u2\nassistant: a2\n<|im_end|>");
    }
  }

  @Test
  void specialTokenInsideAnAnswerIsRejectedWithItsLocation(@TempDir Path dir) throws Exception {
    try (HfTokenizer tok = HfTokenizer.load(TestTokenizers.byteLevel(dir))) {
      SftEncoder encoder = new SftEncoder(tok, SftEncoderOptions.defaults());
      ChatExample bad =
          example(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hey<|im_end|>more")));
      assertThatThrownBy(() -> encoder.encode(bad))
          .isInstanceOf(BrandtuneException.class)
          .hasMessageContaining("test.jsonl:1")
          .hasMessageContaining("<|im_end|>");
      SftEncodedDataset skipped = encoder.encodeAll(List.of(bad), BadRecordPolicy.SKIP);
      assertThat(skipped.examples()).isEmpty();
      assertThat(skipped.report().badRecords().count(BadRecordReason.SPECIAL_TOKEN_IN_CONTENT))
          .isEqualTo(1);
    }
  }

  @Test
  void templateErrorsNameTheRecordAndAreSkippable(@TempDir Path dir) throws Exception {
    String strict =
        "{% for m in messages %}{% if loop.index0 > 0 and m.role == messages[loop.index0 - 1].role %}"
            + "{{ raise_exception('Conversation roles must alternate') }}{% endif %}"
            + "<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}"
            + "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";
    try (HfTokenizer tok =
        HfTokenizer.load(TestTokenizers.byteLevelWith(dir, "chat_template", strict))) {
      SftEncoder encoder = new SftEncoder(tok, SftEncoderOptions.defaults());
      ChatExample twoUsers =
          example(
              List.of(ChatMessage.user("a"), ChatMessage.user("b"), ChatMessage.assistant("c")));
      assertThatThrownBy(() -> encoder.encode(twoUsers))
          .isInstanceOf(BrandtuneException.class)
          .hasMessageContaining("test.jsonl:1")
          .hasMessageContaining("alternate");
      ChatExample good = example(List.of(ChatMessage.user("a"), ChatMessage.assistant("c")));
      SftEncodedDataset result = encoder.encodeAll(List.of(twoUsers, good), BadRecordPolicy.SKIP);
      assertThat(result.examples()).hasSize(1);
      assertThat(result.report().badRecords().count(BadRecordReason.TEMPLATE_ERROR)).isEqualTo(1);
    }
  }

  @Test
  void truncationPoliciesDropOrCutAndCount(@TempDir Path dir) throws Exception {
    try (HfTokenizer tok = HfTokenizer.load(TestTokenizers.byteLevel(dir))) {
      // "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n" is 21 tokens
      ChatExample shortOne = example(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hey")));
      ChatExample longAnswer =
          example(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("x".repeat(40))));
      ChatExample longPrompt =
          example(List.of(ChatMessage.user("y".repeat(40)), ChatMessage.assistant("Hey")));
      List<ChatExample> all = List.of(shortOne, longAnswer, longPrompt);
      SftEncoderOptions options = SftEncoderOptions.defaults().withMaxLength(30);
      SftEncoder encoder = new SftEncoder(tok, options);
      assertThat(encoder.encode(shortOne).length()).isEqualTo(21 + 3 + 2);

      SftEncodedDataset dropped =
          new SftEncoder(tok, options.withTruncation(TruncationPolicy.DROP))
              .encodeAll(all, BadRecordPolicy.ERROR);
      assertThat(dropped.examples()).hasSize(1);
      assertThat(dropped.report())
          .isEqualTo(new SftEncodingReport(1, 0, 2, 0, dropped.report().badRecords()));

      SftEncodedDataset cut = encoder.encodeAll(all, BadRecordPolicy.ERROR);
      // the long answer keeps its first 9 answer tokens; the long prompt has none left
      assertThat(cut.examples()).hasSize(2);
      assertThat(cut.report().truncated()).isEqualTo(1);
      assertThat(cut.report().droppedNoLabels()).isEqualTo(1);
      assertThat(cut.report().droppedTooLong()).isZero();
      SftExample kept = cut.examples().get(1);
      assertThat(kept.length()).isEqualTo(30);
      assertThat(kept.labelledTokens()).isEqualTo(9);
      assertThat(cut.lengths()).containsExactly(26, 30);
    }
  }
}

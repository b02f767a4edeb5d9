package ai.brandtune.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PreferenceDatasetTest {
  private static final String GOOD =
      "{\"prompt\":\"Name it\",\"chosen\":\"Hydra\",\"rejected\":\"X\"}";

  @TempDir Path dir;

  private Path write(String... lines) throws Exception {
    Path file = dir.resolve("prefs.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private PreferenceExample readOne(String line) throws Exception {
    PreferenceDataset data = PreferenceDataset.read(write(line), BadRecordPolicy.ERROR);
    assertThat(data.examples()).hasSize(1);
    return data.examples().get(0);
  }

  @Test
  void stringPromptBecomesOneUserMessage() throws Exception {
    PreferenceExample e = readOne(GOOD);
    assertThat(e.prompt()).containsExactly(ChatMessage.user("Name it"));
    assertThat(e.chosen()).isEqualTo("Hydra");
    assertThat(e.rejected()).containsExactly("X");
    assertThat(e.rejectedTypes()).containsExactly("");
    assertThat(e.margin()).isZero();
    assertThat(e.meta()).isEmpty();
    assertThat(e.location()).isEqualTo(dir.resolve("prefs.jsonl") + ":1");
  }

  @Test
  void conversationalRecordsUseTheLastAssistantMessage() throws Exception {
    PreferenceExample e =
        readOne(
            "{\"prompt\":[{\"role\":\"system\",\"content\":\"Be warm.\"},"
                + "{\"role\":\"user\",\"content\":\"Name it\"}],"
                + "\"chosen\":[{\"role\":\"assistant\",\"content\":\"Hydra\"}],"
                + "\"rejected\":[{\"role\":\"assistant\",\"content\":\"X\"}],"
                + "\"rejected_type\":\"weak\",\"margin\":0.5,\"meta\":{\"product_id\":\"p1\"}}");
    assertThat(e.prompt())
        .containsExactly(ChatMessage.system("Be warm."), ChatMessage.user("Name it"));
    assertThat(e.chosen()).isEqualTo("Hydra");
    assertThat(e.rejected()).containsExactly("X");
    assertThat(e.rejectedTypes()).containsExactly("weak");
    assertThat(e.margin()).isEqualTo(0.5);
    assertThat(e.meta()).isEqualTo(Map.of("product_id", "p1"));
  }

  @Test
  void severalRejectedWithTheirTypes() throws Exception {
    PreferenceExample e =
        readOne(
            "{\"prompt\":\"p\",\"chosen\":\"good\",\"rejected\":[\"meh\",\"BEST EVER\",\"fake\"],"
                + "\"rejected_types\":[\"weak\",\"exaggerated\",null]}");
    assertThat(e.rejected()).containsExactly("meh", "BEST EVER", "fake");
    assertThat(e.rejectedTypes()).containsExactly("weak", "exaggerated", "");
  }

  @Test
  void oneRejectedTypeAppliesToEveryRejected() throws Exception {
    PreferenceExample e =
        readOne(
            "{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":[\"a\",\"b\"],\"rejected_type\":\"weak\"}");
    assertThat(e.rejectedTypes()).containsExactly("weak", "weak");
  }

  @Test
  void severalConversationalRejected() throws Exception {
    PreferenceExample e =
        readOne(
            "{\"prompt\":[{\"role\":\"user\",\"content\":\"p\"}],"
                + "\"chosen\":[{\"role\":\"assistant\",\"content\":\"c\"}],"
                + "\"rejected\":[[{\"role\":\"assistant\",\"content\":\"a\"}],"
                + "[{\"role\":\"assistant\",\"content\":\"b\"}]]}");
    assertThat(e.rejected()).containsExactly("a", "b");
  }

  @Test
  void implicitPromptComesFromTheSharedStartOfTheConversations() throws Exception {
    PreferenceExample e =
        readOne(
            "{\"chosen\":[{\"role\":\"user\",\"content\":\"p\"},"
                + "{\"role\":\"assistant\",\"content\":\"c\"}],"
                + "\"rejected\":[{\"role\":\"user\",\"content\":\"p\"},"
                + "{\"role\":\"assistant\",\"content\":\"r\"}]}");
    assertThat(e.prompt()).containsExactly(ChatMessage.user("p"));
    assertThat(e.chosen()).isEqualTo("c");
    assertThat(e.rejected()).containsExactly("r");
  }

  @Test
  void explicitPromptWinsOverTheConversationContext() throws Exception {
    // UltraFeedback-binarized style: prompt string plus whole conversations
    PreferenceExample e =
        readOne(
            "{\"prompt\":\"p\",\"chosen\":[{\"role\":\"user\",\"content\":\"p\"},"
                + "{\"role\":\"assistant\",\"content\":\"c\"}],"
                + "\"rejected\":[{\"role\":\"user\",\"content\":\"p\"},"
                + "{\"role\":\"assistant\",\"content\":\"r\"}]}");
    assertThat(e.prompt()).containsExactly(ChatMessage.user("p"));
    assertThat(e.rejected()).containsExactly("r");
  }

  static Stream<Arguments> badRecords() {
    return Stream.of(
        Arguments.of("{\"prompt\":\"p\",", BadRecordReason.MALFORMED_JSON, "malformed JSON"),
        Arguments.of(
            "{\"messages\":[]}", BadRecordReason.UNKNOWN_FORMAT, "fields present: [messages]"),
        Arguments.of(
            "{\"chosen\":\"c\",\"rejected\":\"r\"}",
            BadRecordReason.MISSING_FIELD,
            "missing field \"prompt\""),
        Arguments.of(
            "{\"prompt\":\"p\",\"chosen\":\"c\"}",
            BadRecordReason.MISSING_FIELD,
            "missing field \"rejected\""),
        Arguments.of(
            "{\"prompt\":\"p\",\"chosen\":\" \",\"rejected\":\"r\"}",
            BadRecordReason.EMPTY_ASSISTANT_TURN,
            "\"chosen\" is blank"),
        Arguments.of(
            "{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":[\"a\",\"\"]}",
            BadRecordReason.EMPTY_ASSISTANT_TURN,
            "\"rejected[1]\" is blank"),
        Arguments.of(
            "{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":[]}",
            BadRecordReason.MISSING_FIELD,
            "\"rejected\" is an empty list"),
        Arguments.of(
            "{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":[\"a\",7]}",
            BadRecordReason.WRONG_TYPE,
            "\"rejected[1]\" must be a string like rejected[0], got a number"),
        Arguments.of(
            "{\"prompt\":7,\"chosen\":\"c\",\"rejected\":\"r\"}",
            BadRecordReason.WRONG_TYPE,
            "\"prompt\" must be a string or a list of messages, got a number"),
        Arguments.of(
            "{\"prompt\":[{\"role\":\"bot\",\"content\":\"p\"}],\"chosen\":\"c\",\"rejected\":\"r\"}",
            BadRecordReason.UNKNOWN_ROLE,
            "unknown role \"bot\" in prompt[0].role"),
        Arguments.of(
            "{\"prompt\":\"p\",\"chosen\":[{\"role\":\"user\",\"content\":\"c\"}],"
                + "\"rejected\":\"r\"}",
            BadRecordReason.NO_ASSISTANT_TURN,
            "\"chosen\" must end with an assistant message"),
        Arguments.of(
            "{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":[\"a\",\"b\"],"
                + "\"rejected_types\":[\"weak\"]}",
            BadRecordReason.WRONG_TYPE,
            "\"rejected_types\" has 1 item(s) for 2 rejected"),
        Arguments.of(
            "{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":\"r\",\"margin\":\"big\"}",
            BadRecordReason.WRONG_TYPE,
            "\"margin\" must be a number, got a string"),
        Arguments.of(
            "{\"chosen\":[{\"role\":\"user\",\"content\":\"p\"},"
                + "{\"role\":\"assistant\",\"content\":\"c\"}],"
                + "\"rejected\":[{\"role\":\"user\",\"content\":\"other\"},"
                + "{\"role\":\"assistant\",\"content\":\"r\"}]}",
            BadRecordReason.WRONG_TYPE,
            "does not start with the same messages as chosen"));
  }

  @ParameterizedTest
  @MethodSource("badRecords")
  void badRecordsNameFileLineAndReasonOrAreSkippedAndCounted(
      String line, BadRecordReason reason, String message) throws Exception {
    Path file = write(GOOD, "", line, GOOD);
    assertThatThrownBy(() -> PreferenceDataset.read(file, BadRecordPolicy.ERROR))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageStartingWith(file + ":3: ")
        .hasMessageContaining(message)
        .hasMessageContaining("on_bad_record: skip");

    PreferenceDataset skipped = PreferenceDataset.read(file, BadRecordPolicy.SKIP);
    assertThat(skipped.examples())
        .extracting(PreferenceExample::location)
        .containsExactly(file + ":1", file + ":4");
    assertThat(skipped.badRecords().counts()).isEqualTo(Map.of(reason, 1));
    assertThat(skipped.badRecords().firstExamples().get(0)).startsWith(file + ":3: ");
  }

  @Test
  void severalFilesReadInOrderAndCountPairs() throws Exception {
    Path a = write(GOOD);
    Path b = dir.resolve("b.jsonl");
    Files.writeString(b, "{\"prompt\":\"q\",\"chosen\":\"c\",\"rejected\":[\"x\",\"y\"]}\n");
    PreferenceDataset data = PreferenceDataset.read(List.of(a, b), BadRecordPolicy.ERROR);
    assertThat(data.size()).isEqualTo(2);
    assertThat(data.pairs()).isEqualTo(3);
    assertThat(data.examples().get(1).location()).isEqualTo(b + ":1");
  }
}

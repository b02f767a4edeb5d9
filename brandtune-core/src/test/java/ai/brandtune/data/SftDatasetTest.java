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

class SftDatasetTest {
  private static final String GOOD =
      "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
          + "{\"role\":\"assistant\",\"content\":\"Hello\"}]}";

  @TempDir Path dir;

  private Path write(String... lines) throws Exception {
    Path file = dir.resolve("data.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  static Stream<Arguments> badRecords() {
    return Stream.of(
        Arguments.of("{\"messages\": [", BadRecordReason.MALFORMED_JSON, "malformed JSON"),
        Arguments.of(GOOD + " trailing", BadRecordReason.MALFORMED_JSON, "malformed JSON"),
        Arguments.of("[1, 2]", BadRecordReason.WRONG_TYPE, "expected a JSON object"),
        Arguments.of(
            "{\"messages\":[{\"role\":\"bot\",\"content\":\"x\"}]}",
            BadRecordReason.UNKNOWN_ROLE,
            "unknown role \"bot\" in messages[0].role"),
        Arguments.of(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
                + "{\"role\":\"tool\",\"content\":\"{}\"}]}",
            BadRecordReason.UNKNOWN_ROLE,
            "tool turns are not supported"),
        Arguments.of(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
                + "{\"role\":\"assistant\",\"content\":\"  \"}]}",
            BadRecordReason.EMPTY_ASSISTANT_TURN,
            "empty assistant turn"),
        Arguments.of(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\"}]}",
            BadRecordReason.EMPTY_ASSISTANT_TURN,
            "empty assistant turn"),
        Arguments.of(
            "{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
                + "{\"role\":\"user\",\"content\":\"x\"}]}",
            BadRecordReason.NO_ASSISTANT_TURN,
            "no assistant turn"),
        Arguments.of("{\"messages\":[]}", BadRecordReason.NO_ASSISTANT_TURN, "no assistant turn"),
        Arguments.of(
            "{\"messages\":[{\"content\":\"x\"}]}",
            BadRecordReason.MISSING_FIELD,
            "missing field \"messages[0].role\""),
        Arguments.of(
            "{\"messages\":\"Hi\"}", BadRecordReason.WRONG_TYPE, "\"messages\" must be an array"),
        Arguments.of(
            "{\"messages\":[{\"role\":\"user\",\"content\":[\"x\"]}]}",
            BadRecordReason.WRONG_TYPE,
            "\"messages[0].content\" must be a string, got an array"),
        Arguments.of("{\"instruction\":\"Write\"}", BadRecordReason.MISSING_FIELD, "\"output\""),
        Arguments.of(
            "{\"instruction\":\"Write\",\"output\":7}",
            BadRecordReason.WRONG_TYPE,
            "\"output\" must be a string, got a number"),
        Arguments.of("{\"prompt\":\"Write\"}", BadRecordReason.MISSING_FIELD, "\"completion\""),
        Arguments.of(
            "{\"text\":\"raw\"}", BadRecordReason.UNKNOWN_FORMAT, "fields present: [text]"),
        Arguments.of(
            GOOD.replace("}]}", "}],\"meta\":\"x\"}"),
            BadRecordReason.WRONG_TYPE,
            "\"meta\" must be an object"));
  }

  @ParameterizedTest
  @MethodSource("badRecords")
  void eachBadRecordFailsWithFileLineAndReasonOrIsCountedWhenSkipped(
      String line, BadRecordReason reason, String message) throws Exception {
    Path file = write(GOOD, "", line, GOOD);
    assertThatThrownBy(() -> SftDataset.read(file, BadRecordPolicy.ERROR))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageStartingWith(file + ":3: ")
        .hasMessageContaining(message)
        .hasMessageContaining("on_bad_record: skip");

    SftDataset skipped = SftDataset.read(file, BadRecordPolicy.SKIP);
    assertThat(skipped.examples()).hasSize(2);
    assertThat(skipped.examples().get(1).location()).isEqualTo(file + ":4");
    assertThat(skipped.badRecords().counts()).isEqualTo(Map.of(reason, 1));
    assertThat(skipped.badRecords().firstExamples())
        .singleElement()
        .asString()
        .startsWith(file + ":3: ");
  }

  @Test
  void skipModeCountsByReasonAndKeepsTheFirstLocations() throws Exception {
    String malformed = "{oops";
    String empty = "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
    Path file =
        write(malformed, GOOD, empty, malformed, malformed, malformed, malformed, malformed, "  ");
    SftDataset d = SftDataset.read(file, BadRecordPolicy.SKIP);
    assertThat(d.size()).isEqualTo(1);
    BadRecords bad = d.badRecords();
    assertThat(bad.total()).isEqualTo(7);
    assertThat(bad.count(BadRecordReason.MALFORMED_JSON)).isEqualTo(6);
    assertThat(bad.count(BadRecordReason.NO_ASSISTANT_TURN)).isEqualTo(1);
    assertThat(bad.firstExamples())
        .hasSize(BadRecords.EXAMPLES_KEPT)
        .extracting(s -> s.substring(0, s.indexOf(": ")))
        .containsExactly(file + ":1", file + ":3", file + ":4", file + ":5", file + ":6");
    assertThat(bad.summary()).contains("malformed JSON: 6").contains("no assistant turn: 1");
  }

  @Test
  void messagesWithMetaAndShareGpt() throws Exception {
    Path file =
        write(
            "{\"messages\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"U\"},"
                + "{\"role\":\"assistant\",\"content\":\"A\"}],\"meta\":{\"product_id\":\"p1\",\"n\":2}}",
            "{\"system\":\"S\",\"conversations\":[{\"from\":\"human\",\"value\":\"U\"},"
                + "{\"from\":\"gpt\",\"value\":\"A\"}]}");
    List<ChatExample> examples = SftDataset.read(file, BadRecordPolicy.ERROR).examples();
    List<ChatMessage> expected =
        List.of(ChatMessage.system("S"), ChatMessage.user("U"), ChatMessage.assistant("A"));
    assertThat(examples.get(0).messages()).isEqualTo(expected);
    assertThat(examples.get(0).meta()).isEqualTo(Map.of("product_id", "p1", "n", 2));
    assertThat(examples.get(0).completionStart()).isZero();
    assertThat(examples.get(1).messages()).isEqualTo(expected);
    assertThat(examples.get(1).meta()).isEmpty();
  }

  @Test
  void alpacaRecordsBecomeConversations() throws Exception {
    Path file =
        write(
            "{\"instruction\":\"Write a tagline\",\"input\":\"for B5 serum\",\"output\":\"Calm skin.\"}",
            "{\"instruction\":\"Shorter\",\"input\":\"\",\"output\":\"Calm.\",\"system\":\"Be brief\","
                + "\"history\":[[\"Hi\",\"Hello\"]]}");
    List<ChatExample> examples = SftDataset.read(file, BadRecordPolicy.ERROR).examples();
    assertThat(examples.get(0).messages())
        .containsExactly(
            ChatMessage.user("Write a tagline\nfor B5 serum"), ChatMessage.assistant("Calm skin."));
    assertThat(examples.get(1).messages())
        .containsExactly(
            ChatMessage.system("Be brief"),
            ChatMessage.user("Hi"),
            ChatMessage.assistant("Hello"),
            ChatMessage.user("Shorter"),
            ChatMessage.assistant("Calm."));
    assertThat(examples.get(1).isTrained(2)).as("history answers are trained on").isTrue();
  }

  @Test
  void promptCompletionRecordsAsStringsOrMessageLists() throws Exception {
    Path file =
        write(
            "{\"prompt\":\"Tagline?\",\"completion\":\"Calm skin.\"}",
            "{\"prompt\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"Q1\"},"
                + "{\"role\":\"assistant\",\"content\":\"A1\"},{\"role\":\"user\",\"content\":\"Q2\"}],"
                + "\"completion\":[{\"role\":\"assistant\",\"content\":\"A2\"}]}",
            "{\"prompt\":[{\"role\":\"user\",\"content\":\"Q\"},{\"role\":\"assistant\",\"content\":\"A\"}],"
                + "\"completion\":[]}");
    SftDataset d = SftDataset.read(file, BadRecordPolicy.SKIP);
    assertThat(d.examples().get(0).messages())
        .containsExactly(ChatMessage.user("Tagline?"), ChatMessage.assistant("Calm skin."));
    assertThat(d.examples().get(0).completionStart()).isEqualTo(1);
    ChatExample conversational = d.examples().get(1);
    assertThat(conversational.messages()).hasSize(5);
    assertThat(conversational.completionStart()).isEqualTo(4);
    assertThat(conversational.isTrained(2)).as("the prompt's assistant turn").isFalse();
    assertThat(conversational.isTrained(4)).isTrue();
    // an assistant turn only in the prompt gives nothing to train on
    assertThat(d.badRecords().count(BadRecordReason.NO_ASSISTANT_TURN)).isEqualTo(1);
  }

  @Test
  void severalFilesAndAMissingFile() throws Exception {
    Path a = write(GOOD);
    Path b = dir.resolve("b.jsonl");
    Files.writeString(b, GOOD + "\n" + GOOD);
    assertThat(SftDataset.read(List.of(a, b), BadRecordPolicy.ERROR).size()).isEqualTo(3);
    Path missing = dir.resolve("missing.jsonl");
    assertThatThrownBy(() -> SftDataset.read(missing, BadRecordPolicy.SKIP))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void policiesParseFromYamlValues() {
    assertThat(BadRecordPolicy.parse("skip", "on_bad_record")).isEqualTo(BadRecordPolicy.SKIP);
    assertThat(BadRecordPolicy.parse("Error", "on_bad_record")).isEqualTo(BadRecordPolicy.ERROR);
    assertThatThrownBy(() -> BadRecordPolicy.parse("ignore", "on_bad_record"))
        .hasMessageContaining("on_bad_record")
        .hasMessageContaining("error or skip");
    assertThat(TruncationPolicy.parse("drop", "truncation")).isEqualTo(TruncationPolicy.DROP);
    assertThatThrownBy(() -> TruncationPolicy.parse("cut", "truncation"))
        .hasMessageContaining("drop or truncate");
  }
}

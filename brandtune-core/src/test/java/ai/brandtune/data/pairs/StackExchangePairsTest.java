package ai.brandtune.data.pairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.data.PreferenceExample;
import ai.brandtune.data.table.ParquetFixtures;
import ai.brandtune.text.ChatMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StackExchangePairsTest {
  private static final PairFilters FILTERS =
      PairFilters.defaults().withChars(3, 200).withMaxPromptChars(100);

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"csv", "jsonl", "parquet"})
  void everyFormatGivesTheSamePairsAndFilterCounts(String format) {
    Path file = PairFixtures.inFormat("stack_exchange_paired", format, dir);
    List<PreferenceExample> pairs;
    FilterCounts counts;
    try (PreferencePairs reader = StackExchangePairs.open(file, FILTERS)) {
      pairs = reader.readAll();
      counts = reader.counts();
    }
    assertThat(pairs).extracting(p -> p.meta().get("qid")).containsExactly(101L, 102L, 107L);
    PreferenceExample first = pairs.get(0);
    assertThat(first.prompt())
        .containsExactly(ChatMessage.user("How do I reverse a list in Python?"));
    assertThat(first.chosen()).isEqualTo("Use `xs[::-1]` or `list(reversed(xs))`.");
    assertThat(first.rejected()).containsExactly("Sort it backwards.");
    assertThat(first.rejectedTypes()).containsExactly("");
    assertThat(first.meta())
        .isEqualTo(Map.of("source", "stack_exchange", "qid", 101L, "date", "2020/01/01"));
    // markup cleaned: HTML paragraphs and entities, a language hint, an image and its reference
    assertThat(pairs.get(1).prompt()).containsExactly(ChatMessage.user("What does <br> do?"));
    assertThat(pairs.get(1).chosen()).isEqualTo("It breaks a line.\nLike this.");
    assertThat(pairs.get(1).rejected()).containsExactly("Nothing & nobody.");
    assertThat(pairs.get(2).prompt()).containsExactly(ChatMessage.user("How to log, \"quietly\"?"));
    assertThat(pairs.get(2).chosen()).isEqualTo("Use `console.log(\"<b>hi</b>\")`.");

    assertThat(counts).isEqualTo(new FilterCounts(8, 0, 1, 0, 0, 1, 1, 1, 1, 3, 2));
    assertThat(counts.dropped()).isEqualTo(5);
    assertThat(counts.summary())
        .isEqualTo(
            "kept 3 of 8 rows; dropped: 1 empty, 1 identical, 1 prompt too long, 1 response too"
                + " short, 1 response too long; markup cleaned in 2");
    assertThat(pairs).allSatisfy(p -> assertThat(p.location()).startsWith(file.toString()));
  }

  @Test
  void withoutCleanupTheMarkupStaysAndNothingCountsAsCleaned() {
    Path file = PairFixtures.file("stack_exchange_paired.jsonl");
    try (PreferencePairs reader =
        StackExchangePairs.open(file, FILTERS.withCleanMarkup(false).withChars(1, 1000))) {
      List<PreferenceExample> pairs = reader.stream().collect(Collectors.toList());
      assertThat(pairs.get(1).chosen()).isEqualTo("<p>It breaks a line.<br>Like this.</p>");
      assertThat(reader.counts().cleaned()).isZero();
      assertThat(reader.counts().kept()).isEqualTo(5); // 101, 102, 105, 106, 107
    }
  }

  @Test
  void aBrokenRowNamesFileLineAndRowOrIsSkippedAndCounted() {
    Path file = PairFixtures.file("stack_exchange_broken.csv");
    assertThatThrownBy(() -> StackExchangePairs.open(file, PairFilters.defaults()).readAll())
        .isInstanceOf(BrandtuneException.class)
        .hasMessageStartingWith(file + ":4 (row 2): malformed CSV row")
        .hasMessageContaining("on_bad_record: skip");
    try (PreferencePairs reader =
        StackExchangePairs.open(
            file, PairFilters.defaults().withOnBadRecord(BadRecordPolicy.SKIP))) {
      List<PreferenceExample> pairs = reader.readAll();
      assertThat(pairs).extracting(PreferenceExample::chosen).containsExactly("Yes.", "Sure.");
      assertThat(pairs.get(0).prompt()).containsExactly(ChatMessage.user("Multi\nline question?"));
      assertThat(reader.counts().read()).isEqualTo(3);
      assertThat(reader.counts().broken()).isEqualTo(1);
      assertThat(reader.brokenRows().firstExamples())
          .singleElement()
          .asString()
          .startsWith(file + ":4 (row 2)");
    }
  }

  @Test
  void rowsAreReadLazilySoABrokenTailOnlyFailsWhenReached() throws Exception {
    Path file = dir.resolve("big.jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      lines
          .append("{\"qid\":")
          .append(i)
          .append(",\"question\":\"q\",")
          .append("\"response_j\":\"good one\",\"response_k\":\"bad one\"}\n");
    }
    lines.append("{broken\n");
    Files.writeString(file, lines);
    try (PreferencePairs reader = StackExchangePairs.open(file, PairFilters.defaults())) {
      assertThat(reader.next().meta().get("qid")).isEqualTo(0L);
      assertThat(reader.counts().read()).isEqualTo(1);
      assertThat(reader.stream().limit(9_998).count()).isEqualTo(9_998);
      assertThat(reader.next().meta().get("qid")).isEqualTo(9_999L);
      assertThatThrownBy(reader::hasNext)
          .isInstanceOf(BrandtuneException.class)
          .hasMessageStartingWith(file + ":10001 (row 10001): malformed JSON");
    }
  }

  @Test
  void aJsonlRowWithoutALayoutColumnIsBroken() throws Exception {
    Path file = dir.resolve("se.jsonl");
    Files.writeString(
        file,
        "{\"qid\":1,\"question\":\"q\",\"response_j\":\"good one\",\"response_k\":\"bad one\"}\n"
            + "{\"qid\":2,\"question\":\"q\",\"response_j\":\"good one\"}\n");
    assertThatThrownBy(() -> StackExchangePairs.open(file, PairFilters.defaults()).readAll())
        .isInstanceOf(BrandtuneException.class)
        .hasMessageStartingWith(file + ":2 (row 2): missing column \"response_k\"");
  }

  @Test
  void aFileWithoutTheLayoutColumnsFailsAtOpen() {
    Path file =
        ParquetFixtures.write(
            dir.resolve("wrong.parquet"),
            List.of(Map.of("qid", 1L, "question", "q", "chosen", "c", "rejected", "r")));
    assertThatThrownBy(() -> StackExchangePairs.open(file, PairFilters.defaults()))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("missing column(s) [response_j, response_k]")
        .hasMessageContaining("stack-exchange-paired");
  }
}

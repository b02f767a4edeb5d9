package ai.brandtune.data.pairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.data.BadRecordReason;
import ai.brandtune.data.PreferenceExample;
import ai.brandtune.data.table.ParquetFixtures;
import ai.brandtune.text.ChatMessage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpSteer2PairsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"csv", "jsonl", "parquet"})
  void theSignPicksTheWinnerAndTiesAndWeakPreferencesAreCounted(String format) {
    Path file = PairFixtures.inFormat("helpsteer2_preference", format, dir);
    List<PreferenceExample> pairs;
    FilterCounts counts;
    try (PreferencePairs reader =
        HelpSteer2Pairs.open(file, PairFilters.defaults().withMinPreferenceStrength(2))) {
      pairs = reader.readAll();
      counts = reader.counts();
    }
    assertThat(pairs).hasSize(3);
    // -2: response 1 wins
    assertThat(pairs.get(0).chosen()).startsWith("Steam curls from the cup,\nwarm leaves");
    assertThat(pairs.get(0).rejected()).containsExactly("Tea is a drink.");
    assertThat(pairs.get(0).meta())
        .isEqualTo(Map.of("source", "helpsteer2", "preference_strength", -2L, "split", "train"));
    // +3: response 2 wins
    assertThat(pairs.get(1).chosen()).isEqualTo("Blue, the color of a clear sky.");
    assertThat(pairs.get(1).rejected()).containsExactly("Blue");
    // multi-turn prompt
    assertThat(pairs.get(2).prompt())
        .containsExactly(
            ChatMessage.user("Hi"),
            ChatMessage.assistant("Hello! How can I help?"),
            ChatMessage.user("Tell me a joke."));
    assertThat(pairs.get(2).rejected()).containsExactly("No.");
    assertThat(counts).isEqualTo(new FilterCounts(6, 0, 1, 1, 1, 0, 0, 0, 0, 3, 0));
  }

  @Test
  void withNoMinimumStrengthOnlyTiesAreDropped() {
    try (PreferencePairs reader =
        HelpSteer2Pairs.open(
            PairFixtures.file("helpsteer2_preference.jsonl"), PairFilters.defaults())) {
      assertThat(reader.readAll()).hasSize(4);
      assertThat(reader.counts().ties()).isEqualTo(1);
      assertThat(reader.counts().weakPreference()).isZero();
    }
  }

  @Test
  void brokenRowsNameTheirRowOrAreSkippedAndCounted() {
    Path file = PairFixtures.file("helpsteer2_broken.jsonl");
    assertThatThrownBy(() -> HelpSteer2Pairs.open(file, PairFilters.defaults()).readAll())
        .isInstanceOf(BrandtuneException.class)
        .hasMessageStartingWith(
            file + ":3 (row 2): column \"preference_strength\" must be a number");
    try (PreferencePairs reader =
        HelpSteer2Pairs.open(file, PairFilters.defaults().withOnBadRecord(BadRecordPolicy.SKIP))) {
      assertThat(reader.readAll()).hasSize(2);
      FilterCounts counts = reader.counts();
      assertThat(counts.read()).isEqualTo(4);
      assertThat(counts.broken()).isEqualTo(2);
      assertThat(counts.kept()).isEqualTo(2);
      assertThat(reader.brokenRows().count(BadRecordReason.WRONG_TYPE)).isEqualTo(1);
      assertThat(reader.brokenRows().count(BadRecordReason.MALFORMED_JSON)).isEqualTo(1);
    }
  }

  @Test
  void aParquetRowWithANonNumericStrengthReportsItsRowNumber() {
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    for (String strength : List.of("-1", "strong", "2")) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("prompt", "p");
      row.put("response_1", "first answer");
      row.put("response_2", "second answer");
      row.put("preference_strength", strength);
      rows.add(row);
    }
    Path file = ParquetFixtures.write(dir.resolve("hs.parquet"), rows);
    assertThatThrownBy(() -> HelpSteer2Pairs.open(file, PairFilters.defaults()).readAll())
        .isInstanceOf(BrandtuneException.class)
        .hasMessageStartingWith(file + " (row 2): column \"preference_strength\" must be a number");
  }

  @Test
  void promptTurnMarkersBecomeMessages() {
    assertThat(HelpSteer2Pairs.messages("Just one turn"))
        .containsExactly(ChatMessage.user("Just one turn"));
    assertThat(HelpSteer2Pairs.messages("<extra_id_1>User\nfirst<extra_id_1>Assistant\nreply"))
        .containsExactly(ChatMessage.user("first"), ChatMessage.assistant("reply"));
  }
}

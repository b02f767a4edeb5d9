package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitStageTest {
  @TempDir Path tmp;

  @Test
  void everyRecordLandsOnItsProductsSideAndNoProductIsOnBoth() {
    Path dir = DataFixture.write(tmp.resolve("run"));

    StageSummary summary = new SplitStage(0.1, 42).run(dir);

    ProductSplit split = SplitFile.read(dir.resolve("split.json"));
    Set<String> all = products(DataFixture.COPIES);
    DataFixture.PREFERENCES.forEach(p -> all.add(p.productId()));
    assertThat(split.valProducts()).hasSize((int) Math.round(all.size() * 0.1));
    assertThat(split.trainProducts().size() + split.valProducts().size()).isEqualTo(all.size());
    List<CopyRecord> train = SynthFiles.readCopies(dir.resolve("train/cleaned.jsonl"));
    List<CopyRecord> val = SynthFiles.readCopies(dir.resolve("val/cleaned.jsonl"));
    assertThat(train).allMatch(c -> split.trainProducts().contains(c.productId()));
    assertThat(val).allMatch(c -> split.valProducts().contains(c.productId()));
    assertThat(products(train)).doesNotContainAnyElementsOf(products(val));
    assertThat(train.size() + val.size()).isEqualTo(DataFixture.COPIES.size());
    assertThat(val)
        .hasSize(
            (int)
                DataFixture.COPIES.stream()
                    .filter(c -> split.valProducts().contains(c.productId()))
                    .count());

    List<PreferenceRecord> trainPrefs =
        SynthFiles.readPreferences(dir.resolve("train/preferences.jsonl"));
    List<PreferenceRecord> valPrefs =
        SynthFiles.readPreferences(dir.resolve("val/preferences.jsonl"));
    assertThat(trainPrefs).allMatch(p -> split.trainProducts().contains(p.productId()));
    assertThat(valPrefs).allMatch(p -> split.valProducts().contains(p.productId()));
    assertThat(trainPrefs.size() + valPrefs.size()).isEqualTo(DataFixture.PREFERENCES.size());
    // records keep their input order and content
    assertThat(train.get(0).completion())
        .isEqualTo(
            DataFixture.COPIES.stream()
                .filter(c -> split.trainProducts().contains(c.productId()))
                .findFirst()
                .orElseThrow()
                .completion());
    assertThat(summary.count("val_products")).isEqualTo(split.valProducts().size());
    assertThat(summary.count("train_copies")).isEqualTo(train.size());
  }

  @Test
  void sameInputsAndSeedGiveTheSameBytesWhateverTheRecordOrder() throws Exception {
    Path a = DataFixture.write(tmp.resolve("a"));
    Path b = tmp.resolve("b");
    List<CopyRecord> reversed = new ArrayList<>(DataFixture.COPIES);
    Collections.reverse(reversed);
    SynthFiles.writeCopies(b.resolve("cleaned.jsonl"), reversed);
    SynthFiles.writePreferences(b.resolve("preferences.jsonl"), DataFixture.PREFERENCES);

    new SplitStage(0.2, 5).run(a);
    byte[] first = Files.readAllBytes(a.resolve("val/cleaned.jsonl"));
    new SplitStage(0.2, 5).run(a);
    new SplitStage(0.2, 5).run(b);

    assertThat(Files.readAllBytes(a.resolve("val/cleaned.jsonl"))).isEqualTo(first);
    assertThat(Files.readString(b.resolve("split.json")))
        .isEqualTo(Files.readString(a.resolve("split.json")));
    new SplitStage(0.2, 6).run(b);
    assertThat(Files.readString(b.resolve("split.json")))
        .isNotEqualTo(Files.readString(a.resolve("split.json")));
  }

  @Test
  void malformedInputLineIsNamedByFileAndLine() throws Exception {
    Path dir = DataFixture.write(tmp.resolve("run"));
    Path cleaned = dir.resolve("cleaned.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(cleaned));
    lines.set(2, "{\"prompt\": [}");
    Files.write(cleaned, lines);

    assertThatThrownBy(() -> new SplitStage(0.1, 42).run(dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageStartingWith(cleaned + ":3: not valid JSON");
  }

  @Test
  void withoutPreferencesOnlyCopiesAreSplitAndStaleSideFilesGo() {
    Path dir = DataFixture.write(tmp.resolve("run"));
    new SplitStage(0.1, 42).run(dir);
    assertThat(dir.resolve("train/preferences.jsonl")).exists();

    dir.resolve("preferences.jsonl").toFile().delete();
    StageSummary summary = new SplitStage(0.1, 42).run(dir);

    assertThat(dir.resolve("train/preferences.jsonl")).doesNotExist();
    assertThat(dir.resolve("train/cleaned.jsonl")).exists();
    assertThat(summary.notes()).anyMatch(n -> n.contains("no preferences.jsonl"));
  }

  private static Set<String> products(List<CopyRecord> records) {
    Set<String> s = new HashSet<>();
    records.forEach(r -> s.add(r.productId()));
    return s;
  }
}

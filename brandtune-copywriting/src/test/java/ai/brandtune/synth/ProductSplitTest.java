package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProductSplitTest {
  static final List<String> PRODUCTS =
      IntStream.rangeClosed(1, 44).mapToObj(i -> String.format("P%03d", i)).toList();

  @Test
  void sidesAreDisjointAndCoverEveryProduct() {
    ProductSplit s = ProductSplit.of(PRODUCTS, 0.1, 42);

    assertThat(s.valProducts()).hasSize(4); // round(44 * 0.1)
    assertThat(s.trainProducts()).hasSize(40).doesNotContainAnyElementsOf(s.valProducts());
    List<String> all = new ArrayList<>(s.trainProducts());
    all.addAll(s.valProducts());
    assertThat(all).containsExactlyInAnyOrderElementsOf(PRODUCTS);
  }

  @Test
  void dependsOnSeedButNotOnOrderOrDuplicates() {
    List<String> shuffled = new ArrayList<>(PRODUCTS);
    Collections.shuffle(shuffled, new java.util.Random(7));
    shuffled.addAll(PRODUCTS.subList(0, 10));

    assertThat(ProductSplit.of(shuffled, 0.2, 42)).isEqualTo(ProductSplit.of(PRODUCTS, 0.2, 42));
    assertThat(ProductSplit.of(PRODUCTS, 0.2, 43).valProducts())
        .isNotEqualTo(ProductSplit.of(PRODUCTS, 0.2, 42).valProducts());
  }

  @Test
  void valHoldsTheProductsWithTheSmallestSeededHashes() throws Exception {
    // the documented rule, so a split stays the same across brandtune versions and machines
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    List<String> byHash = new ArrayList<>(PRODUCTS);
    byHash.sort(
        java.util.Comparator.comparing(
            id ->
                HexFormat.of()
                    .formatHex(sha.digest(("7:" + id).getBytes(StandardCharsets.UTF_8)))));

    assertThat(ProductSplit.of(PRODUCTS, 0.25, 7).valProducts())
        .containsExactlyInAnyOrderElementsOf(byHash.subList(0, 11));
  }

  @Test
  void smallCatalogsKeepTrainNonEmptyAndValNonEmptyWhenAsked() {
    assertThat(ProductSplit.of(List.of("A"), 0.5, 1).trainProducts()).containsExactly("A");
    assertThat(ProductSplit.of(List.of("A", "B"), 0.01, 1).valProducts()).hasSize(1);
    assertThat(ProductSplit.of(List.of("A", "B"), 0.9, 1).trainProducts()).hasSize(1);
    assertThat(ProductSplit.of(PRODUCTS, 0.0, 1).valProducts()).isEmpty();
  }

  @Test
  void ratioOutsideZeroToOneIsAUserError() {
    assertThatThrownBy(() -> ProductSplit.of(PRODUCTS, 1.0, 1))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("val_ratio");
    assertThatThrownBy(() -> new SplitStage(-0.1, 1)).hasMessageContaining("val_ratio");
  }

  @Test
  void aProductOnBothSidesIsRejected() {
    assertThatThrownBy(() -> new ProductSplit(1, 0.1, List.of("A", "B"), List.of("B")))
        .hasMessageContaining("both train and val: B");
  }
}

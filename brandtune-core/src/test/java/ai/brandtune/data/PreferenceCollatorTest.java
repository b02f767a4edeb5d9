package ai.brandtune.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

class PreferenceCollatorTest {
  private static final long PAD = 99;

  /** Example A: prompt [1, 2], chosen [3, 4, 5] (mask 2), one rejected [6] (mask 1). */
  private static final EncodedPreference A =
      new EncodedPreference(
          new long[] {1, 2},
          new long[] {3, 4, 5},
          List.of(new long[] {6}),
          List.of("weak"),
          0.5,
          3,
          new int[] {1},
          "a:1",
          2,
          new int[] {1});

  /** Example B: prompt [7], chosen [8], rejected [9, 10, 11, 12] and [13, 14]; all masked. */
  private static final EncodedPreference B =
      new EncodedPreference(
          new long[] {7},
          new long[] {8},
          List.of(new long[] {9, 10, 11, 12}, new long[] {13, 14}),
          List.of("exaggerated", "fabricated"),
          0,
          1,
          new int[] {4, 2},
          "b:1");

  @Test
  void chosenRowsComeFirstThenEveryRejectedExampleByExample() {
    PreferenceBatch batch = new PreferenceCollator(PAD).collate(List.of(A, B));
    assertThat(batch.pairs()).isEqualTo(2);
    assertThat(batch.rows()).isEqualTo(5);
    assertThat(batch.rejectedRows()).isEqualTo(3);
    assertThat(batch.rowExample()).containsExactly(0, 1, 0, 1, 1);
    assertThat(batch.rowRejected()).containsExactly(-1, -1, 0, 0, 1);
    assertThat(batch.length()).isEqualTo(5);
    assertThat(batch.inputIds())
        .isDeepEqualTo(
            new long[][] {
              {1, 2, 3, 4, 5},
              {7, 8, PAD, PAD, PAD},
              {1, 2, 6, PAD, PAD},
              {7, 9, 10, 11, 12},
              {7, 13, 14, PAD, PAD}
            });
    assertThat(batch.completionMask())
        .isDeepEqualTo(
            new boolean[][] {
              {false, false, true, true, false},
              {false, true, false, false, false},
              {false, false, true, false, false},
              {false, true, true, true, true},
              {false, true, true, false, false}
            });
    assertThat(batch.attention()[1]).containsExactly(true, true, false, false, false);
    assertThat(batch.lastIndex()).containsExactly(4, 1, 2, 4, 2);
    assertThat(batch.positionIds()[2]).containsExactly(0, 1, 2, 3, 4);
    assertThat(batch.margins()).containsExactly(0.5, 0.0);
    assertThat(batch.rejectedTypes())
        .containsExactly(List.of("weak"), List.of("exaggerated", "fabricated"));
    assertThat(batch.tokens()).isEqualTo(5 + 2 + 3 + 5 + 3);
    assertThat(batch.completionTokens()).isEqualTo(2 + 1 + 1 + 4 + 2);
  }

  @Test
  void lastIndexPointsAtTheLastRealTokenAndNeverAtPadding() {
    PreferenceBatch batch = new PreferenceCollator(PAD).collate(List.of(B, A));
    for (int r = 0; r < batch.rows(); r++) {
      int last = batch.lastIndex()[r];
      assertThat(batch.attention()[r][last]).isTrue();
      for (int t = last + 1; t < batch.length(); t++) {
        assertThat(batch.attention()[r][t]).isFalse();
        assertThat(batch.inputIds()[r][t]).isEqualTo(PAD);
      }
    }
  }

  @Test
  void tensorsCarryTheMasksAndNoKeyPaddingWhenNothingIsPadded() {
    try (PointerScope scope = new PointerScope()) {
      PreferenceTensors padded =
          new PreferenceCollator(PAD).collate(List.of(A, B)).toTensors(Devices.cpu());
      assertThat(Tensors.shape(padded.inputIds())).containsExactly(5, 5);
      assertThat(Tensors.toLongs(padded.lastIndex())).containsExactly(4, 1, 2, 4, 2);
      assertThat(Tensors.toLongs(padded.completionMask().to(ScalarType.Long)))
          .startsWith(0, 0, 1, 1, 0);
      assertThat(Tensors.toLongs(padded.keyPadding().to(ScalarType.Long)))
          .startsWith(1, 1, 1, 1, 1, 1, 1, 0, 0, 0);

      EncodedPreference even =
          new EncodedPreference(
              new long[] {1},
              new long[] {2},
              List.of(new long[] {3}),
              List.of(""),
              0,
              1,
              new int[] {1},
              "c:1");
      PreferenceTensors full =
          new PreferenceCollator(PAD).collate(List.of(even)).toTensors(Devices.cpu());
      assertThat(full.keyPadding()).isNull();
    }
  }
}

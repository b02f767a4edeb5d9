package ai.brandtune.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.MicroModels;
import ai.brandtune.model.reference.ReferenceConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests joining a running batch get exactly what they would get alone. */
class ContinuousBatchTest {
  static CausalLm model;
  static final ReferenceConfig CONFIG = MicroModels.qwen3Untied();

  @BeforeAll
  static void build() {
    model = MicroModels.causalLm(CONFIG, MicroModels.randomWeights(CONFIG, 3), ScalarType.Float);
  }

  private static List<Generation> alone(GenerationRequest r) {
    return new Generator(model, GeneratorTest.LETTERS, Set.of(), 0)
        .generate(r.prompts(), r.params());
  }

  /** Collects each request's result and streamed text. */
  static final class Collector implements ContinuousBatch.Handle {
    List<Generation> result;
    final Map<Integer, StringBuilder> streamed = new HashMap<>();
    boolean cancel;

    @Override
    public void onToken(int row, long tokenId, String textDelta) {
      streamed.computeIfAbsent(row, r -> new StringBuilder()).append(textDelta);
    }

    @Override
    public boolean cancelled() {
      return cancel;
    }

    @Override
    public void onFinished(List<Generation> rows) {
      result = rows;
    }
  }

  @Test
  void requestsJoiningMidwayAndReusingSlotsMatchTheirSoloRuns() {
    GenerationRequest a =
        GenerationRequest.of(new long[] {5, 9, 13}, 2, SamplingParams.sampling(10, 1.2, 42));
    GenerationRequest b =
        GenerationRequest.of(new long[] {1, 2, 3, 4, 5, 6, 7}, 1, SamplingParams.greedy(4));
    GenerationRequest c =
        GenerationRequest.of(new long[] {30, 8}, 1, SamplingParams.sampling(6, 0.9, 7));
    Collector ca = new Collector();
    Collector cb = new Collector();
    Collector cc = new Collector();
    List<Integer> generating = new ArrayList<>();
    try (ContinuousBatch batch =
        new ContinuousBatch(model, GeneratorTest.LETTERS, Set.of(), 0, 3, 64)) {
      batch.admit(a, ca);
      generating.add(batch.step());
      generating.add(batch.step());
      assertThat(batch.canAdmit(b)).isTrue();
      batch.admit(b, cb); // joins while a is 2 tokens in, with a longer prompt
      assertThat(batch.canAdmit(c)).as("all 3 slots taken").isFalse();
      while (cb.result == null) {
        generating.add(batch.step());
      }
      assertThat(batch.canAdmit(c)).as("b's slot is free again").isTrue();
      batch.admit(c, cc);
      while (!batch.idle()) {
        generating.add(batch.step());
      }
    }
    for (Collector got : List.of(ca, cb, cc)) {
      GenerationRequest r = got == ca ? a : got == cb ? b : c;
      List<Generation> solo = alone(r);
      assertThat(got.result).hasSize(solo.size());
      for (int i = 0; i < solo.size(); i++) {
        assertThat(got.result.get(i).tokenIds()).containsExactly(solo.get(i).tokenIds());
        assertThat(got.result.get(i).finishReason()).isEqualTo(solo.get(i).finishReason());
        assertThat(got.streamed.get(i).toString()).isEqualTo(solo.get(i).text());
      }
    }
    assertThat(generating).startsWith(1, 1, 2).contains(2);
  }

  @Test
  void cancelledRequestFreesItsSlotsAndTheCacheLimitHoldsJoinsBack() {
    GenerationRequest longOne =
        GenerationRequest.of(new long[] {5, 9}, 1, SamplingParams.greedy(20));
    Collector first = new Collector();
    try (ContinuousBatch batch =
        new ContinuousBatch(model, GeneratorTest.LETTERS, Set.of(), 0, 2, 24)) {
      batch.admit(longOne, first);
      batch.step();
      // 2 columns used; a join needs its prompt plus the longest remaining run (19) to fit in 24
      assertThat(
              batch.canAdmit(
                  GenerationRequest.of(new long[] {1, 2, 3, 4}, 1, SamplingParams.greedy(2))))
          .isFalse();
      assertThat(
              batch.canAdmit(GenerationRequest.of(new long[] {1, 2}, 1, SamplingParams.greedy(2))))
          .isTrue();
      first.cancel = true;
      batch.step();
      assertThat(first.result).hasSize(1);
      assertThat(first.result.get(0).finishReason()).isEqualTo(FinishReason.CANCELLED);
      assertThat(first.result.get(0).tokenIds()).hasSize(1);
      assertThat(batch.idle()).isTrue();
    }
  }
}

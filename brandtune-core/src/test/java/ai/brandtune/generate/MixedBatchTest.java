package ai.brandtune.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.MicroModels;
import ai.brandtune.model.reference.ReferenceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Several requests with their own parameters sharing decode steps, as a server batches them. */
class MixedBatchTest {
  static CausalLm model;
  static final ReferenceConfig CONFIG = MicroModels.qwen3Untied();

  @BeforeAll
  static void build() {
    model = MicroModels.causalLm(CONFIG, MicroModels.randomWeights(CONFIG, 3), ScalarType.Float);
  }

  private static Generator generator() {
    return new Generator(model, GeneratorTest.LETTERS, Set.of(), 0);
  }

  @Test
  void eachRequestGetsWhatItWouldGetAlone() {
    SamplingParams seeded = SamplingParams.sampling(9, 1.3, 42);
    SamplingParams greedy = SamplingParams.greedy(4);
    GenerationRequest a = GenerationRequest.of(new long[] {5, 9, 13}, 2, seeded);
    GenerationRequest b = new GenerationRequest(List.of(new long[] {1, 2, 3, 4, 5, 6, 7}), greedy);

    List<Generation> alone = new ArrayList<>(generator().generate(a.prompts(), seeded));
    alone.addAll(generator().generate(b.prompts(), greedy));
    List<Integer> activePerStep = new ArrayList<>();
    List<Generation> mixed =
        generator()
            .generate(
                List.of(a, b),
                null,
                new BatchControl() {
                  @Override
                  public void onStep(int active) {
                    activePerStep.add(active);
                  }
                });

    assertThat(mixed).hasSize(3);
    for (int r = 0; r < 3; r++) {
      assertThat(mixed.get(r).tokenIds()).as("row %d", r).containsExactly(alone.get(r).tokenIds());
    }
    // its own limits: the greedy request stops after 4 tokens, the seeded one runs to 9
    assertThat(mixed.get(2).tokenIds()).hasSize(4);
    assertThat(mixed.get(0).tokenIds()).hasSize(9);
    // n=2 under one seed still gives two different draws
    assertThat(mixed.get(0).tokenIds()).isNotEqualTo(mixed.get(1).tokenIds());
    assertThat(activePerStep).startsWith(2, 2, 2, 2).endsWith(1).hasSize(9);
  }

  @Test
  void cancelledRequestStopsWhileTheOthersFinish() {
    GenerationRequest a = GenerationRequest.of(new long[] {5, 9, 13}, 1, SamplingParams.greedy(12));
    GenerationRequest b = GenerationRequest.of(new long[] {30}, 1, SamplingParams.greedy(12));
    int[] steps = {0};
    List<Generation> out =
        generator()
            .generate(
                List.of(a, b),
                null,
                new BatchControl() {
                  @Override
                  public boolean cancelled(int request) {
                    return request == 0 && steps[0] >= 3;
                  }

                  @Override
                  public void onStep(int active) {
                    steps[0]++;
                  }
                });
    assertThat(out.get(0).finishReason()).isEqualTo(FinishReason.CANCELLED);
    assertThat(out.get(0).tokenIds()).hasSize(3);
    assertThat(out.get(1).finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(out.get(1).tokenIds()).hasSize(12);
  }
}

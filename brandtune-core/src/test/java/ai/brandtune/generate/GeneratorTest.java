package ai.brandtune.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.MicroModels;
import ai.brandtune.model.reference.ReferenceConfig;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GeneratorTest {
  /** Token i decodes to the letter 'a' + i % 26, so stop strings and streaming can be checked. */
  static final Function<long[], String> LETTERS =
      ids ->
          Arrays.stream(ids)
              .mapToObj(i -> String.valueOf((char) ('a' + i % 26)))
              .collect(Collectors.joining());

  static CausalLm model;
  static ReferenceConfig config = MicroModels.qwen3Untied();
  static final List<long[]> PROMPTS =
      List.of(
          new long[] {5, 9, 13},
          new long[] {1, 2, 3, 4, 5, 6, 7},
          new long[] {30},
          new long[] {8, 8, 21, 4});

  @BeforeAll
  static void build() {
    model = MicroModels.causalLm(config, MicroModels.randomWeights(config, 3), ScalarType.Float);
  }

  private static Generator generator(Set<Long> eos) {
    return new Generator(model, LETTERS, eos, 0);
  }

  @Test
  void greedyWithKvCacheEqualsFullRecomputationTokenForToken() {
    int steps = 16;
    List<Generation> cached = generator(Set.of()).generate(PROMPTS, SamplingParams.greedy(steps));

    List<long[]> sequences = new ArrayList<>();
    PROMPTS.forEach(p -> sequences.add(p.clone()));
    for (int step = 0; step < steps; step++) {
      long[] next = fullRecomputeArgmax(sequences);
      for (int r = 0; r < sequences.size(); r++) {
        long[] s = Arrays.copyOf(sequences.get(r), sequences.get(r).length + 1);
        s[s.length - 1] = next[r];
        sequences.set(r, s);
      }
    }
    for (int r = 0; r < PROMPTS.size(); r++) {
      long[] full =
          Arrays.copyOfRange(sequences.get(r), PROMPTS.get(r).length, sequences.get(r).length);
      assertThat(cached.get(r).tokenIds()).as("row %d", r).containsExactly(full);
      assertThat(cached.get(r).finishReason()).isEqualTo(FinishReason.LENGTH);
    }
    // the rows must not all be the same sequence, or the batch would not exercise padding
    assertThat(cached.stream().map(g -> Arrays.toString(g.tokenIds())).distinct().count())
        .isGreaterThan(1);
  }

  /** Argmax of the last position, recomputing the whole left-padded batch without a cache. */
  private static long[] fullRecomputeArgmax(List<long[]> sequences) {
    int len = sequences.stream().mapToInt(s -> s.length).max().orElseThrow();
    long[][] ids = new long[sequences.size()][len];
    long[][] positions = new long[sequences.size()][len];
    float[] padding = new float[sequences.size() * len];
    for (int r = 0; r < sequences.size(); r++) {
      long[] s = sequences.get(r);
      int pad = len - s.length;
      for (int t = 0; t < len; t++) {
        boolean real = t >= pad;
        ids[r][t] = real ? s[t - pad] : 0;
        positions[r][t] = real ? t - pad : 1;
        padding[r * len + t] = real ? 1 : 0;
      }
    }
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      Tensor logits =
          model.forward(
              Tensors.longs(ids, Devices.cpu()),
              Tensors.longs(positions, Devices.cpu()),
              Tensors.floats(padding, new long[] {sequences.size(), len}, Devices.cpu())
                  .to(ScalarType.Bool),
              null);
      return Tensors.toLongs(
          logits.select(1, len - 1).argmax(new org.bytedeco.pytorch.LongOptional(-1), false));
    }
  }

  @Test
  void greedyLogprobsAreTheModelsLogSoftmax() {
    List<Generation> out =
        generator(Set.of()).generate(List.of(PROMPTS.get(0)), SamplingParams.greedy(3));
    Generation g = out.get(0);
    // first token: compare with a full forward of the prompt
    try (PointerScope s = new PointerScope();
        NoGradGuard n = new NoGradGuard()) {
      long[] p = PROMPTS.get(0);
      Tensor logits =
          model.forward(
              Tensors.longs(new long[][] {p}, Devices.cpu()),
              Tensors.longs(new long[][] {{0, 1, 2}}, Devices.cpu()),
              null,
              null);
      float[] last = Tensors.toFloats(logits.select(1, p.length - 1));
      double max = Double.NEGATIVE_INFINITY;
      for (float f : last) {
        max = Math.max(max, f);
      }
      double sum = 0;
      for (float f : last) {
        sum += Math.exp(f - max);
      }
      double expected = last[(int) g.tokenIds()[0]] - max - Math.log(sum);
      assertThat((double) g.logprobs()[0])
          .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(g.logprobs()[0]).isLessThanOrEqualTo(0f);
    }
  }

  @Test
  void seededSamplingIsReproducibleAndSeedsDiffer() {
    SamplingParams p = SamplingParams.sampling(12, 1.0, 42).withTopP(0.95).withTopK(20);
    List<Generation> a = generator(Set.of()).generate(PROMPTS, p);
    List<Generation> b = generator(Set.of()).generate(PROMPTS, p);
    List<Generation> c =
        generator(Set.of())
            .generate(PROMPTS, SamplingParams.sampling(12, 1.0, 43).withTopP(0.95).withTopK(20));
    for (int r = 0; r < PROMPTS.size(); r++) {
      assertThat(a.get(r).tokenIds()).containsExactly(b.get(r).tokenIds());
      assertThat(a.get(r).logprobs()).containsExactly(b.get(r).logprobs());
    }
    String all = a.stream().map(g -> Arrays.toString(g.tokenIds())).collect(Collectors.joining());
    String other = c.stream().map(g -> Arrays.toString(g.tokenIds())).collect(Collectors.joining());
    assertThat(all).isNotEqualTo(other);
  }

  @Test
  void stopsOnEosAndKeepsTheEosToken() {
    long[] greedy =
        generator(Set.of())
            .generate(List.of(PROMPTS.get(1)), SamplingParams.greedy(8))
            .get(0)
            .tokenIds();
    long eos = greedy[3];
    int firstEos = 0;
    while (greedy[firstEos] != eos) {
      firstEos++;
    }
    Generation g =
        generator(Set.of(eos)).generate(List.of(PROMPTS.get(1)), SamplingParams.greedy(8)).get(0);
    assertThat(g.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(g.tokenIds()).containsExactly(Arrays.copyOf(greedy, firstEos + 1));
    assertThat(g.text()).isEqualTo(LETTERS.apply(Arrays.copyOf(greedy, firstEos)));
  }

  @Test
  void stopStringCutsTextAndStreamingDeltasAddUpToIt() {
    long[] greedy =
        generator(Set.of())
            .generate(List.of(PROMPTS.get(2)), SamplingParams.greedy(10))
            .get(0)
            .tokenIds();
    String full = LETTERS.apply(greedy);
    String stop = full.substring(4, 6);
    int cut = full.indexOf(stop);
    StringBuilder streamed = new StringBuilder();
    Generation g =
        generator(Set.of())
            .generate(
                List.of(PROMPTS.get(2)),
                SamplingParams.greedy(10).withStop(List.of(stop)),
                (row, token, delta) -> streamed.append(delta))
            .get(0);
    assertThat(g.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(g.text()).isEqualTo(full.substring(0, cut));
    assertThat(streamed.toString()).isEqualTo(g.text());
    assertThat(g.tokenIds().length).isEqualTo(cut + stop.length());
  }

  @Test
  void maxNewTokensEndsWithLength() {
    Generation g =
        generator(Set.of()).generate(List.of(PROMPTS.get(0)), SamplingParams.greedy(5)).get(0);
    assertThat(g.tokenIds()).hasSize(5);
    assertThat(g.logprobs()).hasSize(5);
    assertThat(g.finishReason()).isEqualTo(FinishReason.LENGTH);
  }
}

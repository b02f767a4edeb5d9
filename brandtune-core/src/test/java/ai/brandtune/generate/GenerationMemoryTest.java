package ai.brandtune.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.model.Architecture;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.ModelConfig;
import ai.brandtune.model.ModelPresets;
import ai.brandtune.model.RandomInit;
import ai.brandtune.tensor.Devices;
import java.util.List;
import java.util.Set;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

/** Every decode step frees its tensors: a long generation must not grow native memory. */
class GenerationMemoryTest {

  @Test
  void thousandGenerationStepsGrowPhysicalMemoryByLessThan50Mb() throws InterruptedException {
    ModelConfig c = ModelPresets.create("tiny", Architecture.QWEN3, 300);
    CausalLm model =
        new CausalLm(
            c,
            new RandomInit(c, 1, Devices.cpu(), ScalarType.Float),
            Devices.cpu(),
            ScalarType.Float);
    Generator generator = new Generator(model, ids -> "", Set.of(), 0);
    SamplingParams params = SamplingParams.sampling(1000, 1.0, 9).withTopP(0.9).withIgnoreEos(true);
    List<long[]> prompts = List.of(new long[] {1, 2, 3}, new long[] {4, 5});

    generator.generate(prompts, params.withMaxNewTokens(200)); // warm-up: allocator pools settle
    System.gc();
    Thread.sleep(200); // JavaCPP frees GC'd pointers on its own thread
    long before = Pointer.physicalBytes();
    long pointersBefore = Pointer.totalCount();
    List<Generation> out = generator.generate(prompts, params);
    // scopes free every step's tensors deterministically; left to the GC they would still count
    long pointersLeft = Pointer.totalCount() - pointersBefore;
    System.gc();
    long grown = Pointer.physicalBytes() - before;

    assertThat(out.get(0).tokenIds()).hasSize(1000);
    assertThat(pointersLeft).as("native objects left for the GC to free").isLessThan(20);
    assertThat(grown).as("physical bytes grown over 1,000 steps").isLessThan(50L * 1024 * 1024);
  }
}

package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.generate.SamplingParams;
import ai.brandtune.io.GenerationConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SamplingOptionsTest {

  @Test
  void withoutFlagsOrGenerationConfigDecodingIsGreedy() {
    SamplingParams p = parse().resolve(GenerationConfig.empty());

    assertThat(p.greedy()).isTrue();
    assertThat(p.repetitionPenalty()).isEqualTo(1.0);
    assertThat(p.maxNewTokens()).isEqualTo(256);
  }

  @Test
  void samplingGenerationConfigSuppliesTheDefaults() {
    GenerationConfig qwenLike =
        new GenerationConfig(null, List.of(), null, true, 0.6, 0.95, 20, 1.1);

    SamplingParams p = parse().resolve(qwenLike);

    assertThat(p.temperature()).isEqualTo(0.6);
    assertThat(p.topP()).isEqualTo(0.95);
    assertThat(p.topK()).isEqualTo(20);
    assertThat(p.repetitionPenalty()).isEqualTo(1.1);
  }

  @Test
  void greedyGenerationConfigIgnoresItsSamplingFields() {
    GenerationConfig greedy =
        new GenerationConfig(null, List.of(), null, false, 0.6, 0.9, 20, null);

    assertThat(parse().resolve(greedy).greedy()).isTrue();
  }

  @Test
  void flagsOverrideTheGenerationConfig() {
    GenerationConfig qwenLike =
        new GenerationConfig(null, List.of(), null, true, 0.6, 0.95, 20, null);

    SamplingParams p =
        parse("--temperature", "0", "--top-k", "5", "--stop", "END", "--seed", "4")
            .resolve(qwenLike);

    assertThat(p.greedy()).isTrue();
    assertThat(p.topK()).isEqualTo(5);
    assertThat(p.topP()).isEqualTo(0.95);
    assertThat(p.stop()).containsExactly("END");
    assertThat(p.seed()).isEqualTo(4L);
  }

  @Test
  void outOfRangeFlagIsAUsageErrorNamingTheFlag() {
    CliRun run = CliRun.of("generate", "--model", "m", "--prompt", "p", "--top-p", "2");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().startsWith("error: --top-p 2.0");
  }

  /** Parses sampling flags alone, through a command that only holds the mixin. */
  private static SamplingOptions parse(String... args) {
    Holder holder = new Holder();
    new CommandLine(holder).parseArgs(args);
    holder.options.validate(new CommandLine(holder));
    return holder.options;
  }

  @CommandLine.Command(name = "holder")
  static final class Holder {
    @CommandLine.Mixin SamplingOptions options;
  }
}

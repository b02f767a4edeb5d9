package ai.brandtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.io.GenerationConfig;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import ai.brandtune.text.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCreatorTest {
  @TempDir Path tmp;

  private static float[] logits(CausalLm m) {
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      return Tensors.toFloats(
          m.forward(
              Tensors.longs(new long[][] {{257, 10, 20, 30}}, Devices.cpu()),
              Tensors.longs(new long[][] {{0, 1, 2, 3}}, Devices.cpu()),
              null,
              null));
    }
  }

  @Test
  void initModelWritesALoadableCheckpointWithTokenizerAndSpecialTokens() throws Exception {
    Path dir = tmp.resolve("tiny");
    ModelConfig c =
        ModelCreator.create(
            new ModelCreator.Spec(
                "tiny", null, Architecture.QWEN3, null, 5, ScalarType.Float, dir));
    assertThat(c.vocabSize()).isEqualTo(259);
    assertThat(c.eosTokenIds()).containsExactly(258);
    assertThat(c.padTokenId()).isEqualTo(256);
    for (String f :
        new String[] {
          "config.json",
          "generation_config.json",
          "model.safetensors",
          "tokenizer.json",
          "tokenizer_config.json"
        }) {
      assertThat(dir.resolve(f)).isRegularFile();
    }
    assertThat(GenerationConfig.readFrom(dir).eosTokenIds()).containsExactly(258);
    try (HfTokenizer tok = HfTokenizer.load(dir)) {
      assertThat(tok.vocabSize()).isEqualTo(c.vocabSize());
    }
    CausalLm a = CausalLmCheckpoint.load(dir, Devices.cpu(), ScalarType.Float);
    CausalLm b =
        new CausalLm(
            c,
            new RandomInit(c, 5, Devices.cpu(), ScalarType.Float),
            Devices.cpu(),
            ScalarType.Float);
    assertThat(logits(a)).containsExactly(logits(b)); // the seed decides the weights

    Path other = tmp.resolve("other");
    ModelCreator.create(
        new ModelCreator.Spec("tiny", null, Architecture.QWEN3, null, 6, ScalarType.Float, other));
    assertThat(logits(CausalLmCheckpoint.load(other, Devices.cpu(), ScalarType.Float)))
        .isNotEqualTo(logits(a));
    // nothing half-written is left next to the output
    try (var siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("tiny", "other");
    }
  }
}

package ai.brandtune.model.lora;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.MicroModels;
import ai.brandtune.model.reference.ReferenceConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the adapters switched off, a LoRA model computes exactly its base model. */
class LoraDisableTest {
  @Test
  void disabledAdaptersGiveTheBaseLogitsAndClosingRestoresThem() {
    ReferenceConfig c = MicroModels.qwen2Tied();
    Map<String, double[]> weights = LoraFixtures.weights(c, 5);
    float[] base = LoraFixtures.logits(LoraFixtures.model(c, weights));

    CausalLm model = LoraFixtures.model(c, weights);
    LoraModel lora =
        LoraModel.attach(model, new LoraConfig(4, 8, 0.0, List.of("all-linear"), false), 1);
    LoraFixtures.randomizeB(lora, 2);
    float[] adapted = LoraFixtures.logits(model);
    assertThat(LoraFixtures.maxAbsDiff(adapted, base))
        .as("adapters change the output")
        .isGreaterThan(1e-2);

    try (LoraModel.AdaptersDisabled off = lora.disableAdapters()) {
      assertThat(lora.adaptersEnabled()).isFalse();
      assertThat(LoraFixtures.logits(model)).as("adapters off").containsExactly(base);
      try (LoraModel.AdaptersDisabled nested = lora.disableAdapters()) {
        assertThat(LoraFixtures.logits(model)).containsExactly(base);
      }
      assertThat(lora.adaptersEnabled()).as("a nested handle keeps the outer switch off").isFalse();
    }
    assertThat(lora.adaptersEnabled()).isTrue();
    assertThat(LoraFixtures.logits(model)).as("adapters back on").containsExactly(adapted);
  }
}

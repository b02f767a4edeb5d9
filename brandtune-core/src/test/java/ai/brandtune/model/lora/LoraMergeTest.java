package ai.brandtune.model.lora;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.MicroModels;
import ai.brandtune.model.reference.ReferenceConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Merging gives the model that base+adapter was. */
class LoraMergeTest {

  @ParameterizedTest
  @ValueSource(strings = {"all-linear", "q_proj,v_proj"})
  void mergedLogitsEqualBasePlusAdapterLogits(String targets) {
    ReferenceConfig c = MicroModels.qwen2Tied();
    Map<String, double[]> w = LoraFixtures.weights(c, 7);
    CausalLm model = LoraFixtures.model(c, w);
    float[] base = LoraFixtures.logits(model);
    LoraModel lora =
        LoraModel.attach(
            model, new LoraConfig(4, 16, 0.0, LoraConfig.parseTargets(targets), true), 8);
    LoraFixtures.randomizeB(lora, 9);

    float[] adapted = LoraFixtures.logits(model);
    lora.merge();
    float[] merged = LoraFixtures.logits(model);

    assertThat(model.linears().values()).allMatch(l -> l.adapter() == null);
    assertThat(LoraFixtures.maxAbsDiff(adapted, base))
        .as("adapter changes logits")
        .isGreaterThan(0.1);
    assertThat(LoraFixtures.maxAbsDiff(merged, adapted)).isLessThan(1e-5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"all-linear", "q_proj,v_proj"})
  void detachRestoresTheBaseModelExactly(String targets) {
    ReferenceConfig c = MicroModels.llamaTied();
    CausalLm model = LoraFixtures.model(c, LoraFixtures.weights(c, 1));
    float[] base = LoraFixtures.logits(model);
    LoraModel lora =
        LoraModel.attach(
            model, new LoraConfig(2, 4, 0.0, LoraConfig.parseTargets(targets), false), 2);
    LoraFixtures.randomizeB(lora, 3);
    assertThat(LoraFixtures.maxAbsDiff(LoraFixtures.logits(model), base)).isGreaterThan(0.01);

    lora.detach();

    assertThat(LoraFixtures.logits(model)).containsExactly(base);
  }

  @ParameterizedTest
  @ValueSource(strings = {"all-linear", "q_proj,v_proj"})
  void freshAdaptersLeaveTheModelUnchanged(String targets) {
    ReferenceConfig c = MicroModels.qwen3Untied();
    CausalLm model = LoraFixtures.model(c, LoraFixtures.weights(c, 4));
    float[] base = LoraFixtures.logits(model);

    LoraModel.attach(model, new LoraConfig(8, 16, 0.0, LoraConfig.parseTargets(targets), false), 5);

    assertThat(LoraFixtures.logits(model)).containsExactly(base);
  }

  @org.junit.jupiter.api.Test
  void targetsSelectExactlyTheNamedProjections() {
    ReferenceConfig c = MicroModels.qwen3Untied();
    CausalLm model = LoraFixtures.model(c, LoraFixtures.weights(c, 4));
    LoraModel lora =
        LoraModel.attach(model, new LoraConfig(2, 4, 0, List.of("q_proj", "v_proj"), false), 1);

    assertThat(lora.adapters().keySet())
        .containsExactly(
            "model.layers.0.self_attn.q_proj",
            "model.layers.0.self_attn.v_proj",
            "model.layers.1.self_attn.q_proj",
            "model.layers.1.self_attn.v_proj");
    // (r*in + out*r) per module: q is 16 -> 32, v is 16 -> 16
    assertThat(lora.trainableParameterCount())
        .isEqualTo(2 * ((2 * 16 + 32 * 2) + (2 * 16 + 16 * 2)));
  }
}

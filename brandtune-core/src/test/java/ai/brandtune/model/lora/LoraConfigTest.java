package ai.brandtune.model.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoraConfigTest {

  @Test
  void scalingIsAlphaOverRankOrOverItsRootWithRslora() {
    assertThat(new LoraConfig(16, 32, 0, List.of("q_proj"), false).scaling()).isEqualTo(2.0);
    assertThat(new LoraConfig(16, 32, 0, List.of("q_proj"), true).scaling()).isEqualTo(8.0);
  }

  @Test
  void targetsAreParsedAsUsersWriteThem() {
    assertThat(LoraConfig.parseTargets("q_proj, v_proj")).containsExactly("q_proj", "v_proj");
    assertThat(LoraConfig.parseTargets("all")).containsExactly("all-linear");
    assertThat(LoraConfig.parseTargets("ALL-LINEAR")).containsExactly("all-linear");
  }

  @Test
  void targetsMatchAsPeftMatchesListEntries() {
    LoraConfig c =
        new LoraConfig(2, 4, 0, List.of("q_proj", "model.layers.1.mlp.down_proj"), false);

    assertThat(c.targets("model.layers.0.self_attn.q_proj")).isTrue();
    assertThat(c.targets("model.layers.1.mlp.down_proj")).isTrue();
    assertThat(c.targets("model.layers.0.mlp.down_proj")).isFalse();
    assertThat(c.targets("model.layers.0.self_attn.k_proj")).isFalse();
    assertThat(new LoraConfig(2, 4, 0, List.of("all-linear"), false).savedTargetModules())
        .containsExactly(
            "q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");
  }

  @Test
  void invalidValuesNameTheirKey() {
    assertThatThrownBy(() -> new LoraConfig(0, 16, 0, List.of("q_proj"), false))
        .isInstanceOf(BrandtuneException.class)
        .hasMessage("lora_rank must be at least 1, got 0");
    assertThatThrownBy(() -> new LoraConfig(8, 0, 0, List.of("q_proj"), false))
        .hasMessageStartingWith("lora_alpha");
    assertThatThrownBy(() -> new LoraConfig(8, 16, 1.0, List.of("q_proj"), false))
        .hasMessageStartingWith("lora_dropout");
    assertThatThrownBy(() -> new LoraConfig(8, 16, 0, List.of(), false))
        .hasMessageStartingWith("lora_target");
    assertThatThrownBy(() -> new LoraConfig(8, 16, 0, List.of("all-linear", "q_proj"), false))
        .hasMessageStartingWith("lora_target");
  }

  @Test
  void anUnknownTargetListsTheValidNames() {
    assertThatThrownBy(() -> new LoraConfig(8, 16, 0, List.of("q_proj", "query"), false))
        .isInstanceOf(BrandtuneException.class)
        .hasMessage(
            "lora_target: unknown module 'query'; valid: all-linear or q_proj, k_proj, v_proj,"
                + " o_proj, gate_proj, up_proj, down_proj");
    assertThatThrownBy(() -> new LoraConfig(8, 16, 0, List.of("q"), false))
        .hasMessageEndingWith("(did you mean q_proj?)");
  }
}

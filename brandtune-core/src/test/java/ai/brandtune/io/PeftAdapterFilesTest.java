package ai.brandtune.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeftAdapterFilesTest {

  @Test
  void floatsAreWrittenAsPythonsReprWritesThem() {
    // Python: repr(0.05), repr(0.0), repr(1e-05), repr(0.0001), repr(1e16), repr(123.5)
    assertThat(PeftAdapterFiles.pythonFloat(0.05)).isEqualTo("0.05");
    assertThat(PeftAdapterFiles.pythonFloat(0.0)).isEqualTo("0.0");
    assertThat(PeftAdapterFiles.pythonFloat(1e-5)).isEqualTo("1e-05");
    assertThat(PeftAdapterFiles.pythonFloat(0.0001)).isEqualTo("0.0001");
    assertThat(PeftAdapterFiles.pythonFloat(1e16)).isEqualTo("1e+16");
    assertThat(PeftAdapterFiles.pythonFloat(123.5)).isEqualTo("123.5");
    assertThat(PeftAdapterFiles.pythonFloat(1.5e-7)).isEqualTo("1.5e-07");
  }

  @Test
  void configIsIndentedAndSortedAsJsonDumps() {
    String json =
        PeftAdapterFiles.configJson(
            new PeftAdapterConfig(
                8, 16, 0.05, List.of("q_proj", "v_proj"), null, false, "base", "CAUSAL_LM"));

    assertThat(json)
        .startsWith("{\n  \"alpha_pattern\": {},\n  \"base_model_name_or_path\": \"base\",\n")
        .contains("  \"lora_alpha\": 16,\n  \"lora_dropout\": 0.05,\n")
        .contains("  \"target_modules\": [\n    \"q_proj\",\n    \"v_proj\"\n  ],\n")
        .endsWith("  \"use_rslora\": false\n}");
  }

  @Test
  void keysParseIntoModuleAndMatrix() {
    assertThat(
            PeftAdapterFiles.parseKey("base_model.model.model.layers.0.mlp.up_proj.lora_B.weight"))
        .containsExactly("model.layers.0.mlp.up_proj", "B");
    assertThat(PeftAdapterFiles.parseKey("base_model.model.x.lora_A.default.weight")).isNull();
    assertThat(PeftAdapterFiles.parseKey("model.layers.0.mlp.up_proj.lora_A.weight")).isNull();
  }
}

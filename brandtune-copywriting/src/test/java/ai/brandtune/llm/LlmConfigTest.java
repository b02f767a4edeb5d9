package ai.brandtune.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.train.ConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmConfigTest {
  @TempDir Path tmp;

  @Test
  void readsEveryKeyFromYamlAndFillsDefaults() throws IOException {
    Path file = tmp.resolve("teacher.yaml");
    Files.writeString(
        file,
        """
        base_url: https://api.deepseek.com/v1/
        model: deepseek-chat
        api_key_env: DEEPSEEK_API_KEY
        temperature: 0.8
        json_mode: true
        max_attempts: 7
        prices:
          deepseek-chat: {prompt_per_million: 2.0, completion_per_million: 8.0}
        currency: CNY
        """);
    LlmConfig c = ConfigFile.read(file, List.of("concurrency=8"), LlmConfig.class);

    assertThat(c.baseUrl()).isEqualTo("https://api.deepseek.com/v1");
    assertThat(c.endpoint()).isEqualTo("https://api.deepseek.com/v1/chat/completions");
    assertThat(c.apiKeyEnv()).isEqualTo("DEEPSEEK_API_KEY");
    assertThat(c.temperature()).isEqualTo(0.8);
    assertThat(c.jsonMode()).isTrue();
    assertThat(c.maxAttempts()).isEqualTo(7);
    assertThat(c.concurrency()).isEqualTo(8);
    assertThat(c.prices().get("deepseek-chat")).isEqualTo(new ModelPrice(2.0, 8.0));
    assertThat(c.currency()).isEqualTo("CNY");
    assertThat(c.topP()).isNull();
    assertThat(c.seed()).isNull();
    assertThat(c.timeout()).isEqualTo(120.0);
    assertThat(c.cache()).isTrue();
    assertThat(c.cacheDir()).endsWith("brandtune/llm");
    assertThat(ConfigFile.knownKeys(LlmConfig.class))
        .contains(
            "base_url",
            "api_key_env",
            "top_p",
            "max_tokens",
            "json_mode",
            "max_attempts",
            "backoff_base",
            "max_retry_after",
            "cache_dir",
            "prices");
  }

  @Test
  void errorsNameTheKey() {
    assertThatThrownBy(() -> LlmConfig.builder(null, "m").build())
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("base_url");
    assertThatThrownBy(() -> LlmConfig.builder("localhost:8000", "m").build())
        .hasMessageContaining("base_url");
    assertThatThrownBy(() -> LlmConfig.builder("http://user:pw@host/v1", "m").build())
        .hasMessageContaining("base_url")
        .hasMessageNotContaining("pw");
    assertThatThrownBy(() -> LlmConfig.builder("http://h/v1", " ").build())
        .hasMessageContaining("model");
    assertThatThrownBy(() -> LlmConfig.builder("http://h/v1", "m").temperature(3.0).build())
        .hasMessageContaining("temperature");
    assertThatThrownBy(() -> LlmConfig.builder("http://h/v1", "m").maxAttempts(0).build())
        .hasMessageContaining("max_attempts");
    assertThatThrownBy(() -> LlmConfig.builder("http://h/v1", "m").concurrency(0).build())
        .hasMessageContaining("concurrency");
  }

  @Test
  void aLongTokenInApiKeyEnvIsTakenForAKeyAndNotEchoed() {
    String key = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4";
    assertThatThrownBy(() -> LlmConfig.builder("http://h/v1", "m").apiKeyEnv(key).build())
        .hasMessageContaining("api_key_env")
        .hasMessageNotContaining(key);
    assertThat(LlmConfig.builder("http://h/v1", "m").apiKeyEnv("DASHSCOPE_API_KEY").build())
        .extracting(LlmConfig::apiKeyEnv)
        .isEqualTo("DASHSCOPE_API_KEY");
  }
}

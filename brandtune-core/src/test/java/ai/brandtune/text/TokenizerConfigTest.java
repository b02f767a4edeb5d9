package ai.brandtune.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.TokenizerConfig.AddedToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokenizer_config.json} parsing, on real files and on broken ones. */
class TokenizerConfigTest {

  @TempDir Path dir;

  private static TokenizerConfig real(String model) {
    return TokenizerConfig.read(
        ChatTemplateFixturesTest.testTokenizersDir()
            .resolve(model)
            .resolve("tokenizer_config.json"));
  }

  @Test
  void qwen3HasNoBosAndDecodesAddedTokens() {
    TokenizerConfig c = real("qwen3");
    assertNull(c.bosToken());
    assertEquals("<|im_end|>", c.eosToken());
    assertEquals("<|endoftext|>", c.padToken());
    assertNull(c.unkToken());
    assertEquals(Boolean.FALSE, c.addBosToken());
    assertEquals(131072L, c.modelMaxLength());
    assertEquals(new AddedToken("<|endoftext|>", true), c.addedTokensDecoder().get(151643));
    assertTrue(c.additionalSpecialTokens().contains("<|im_start|>"));
    assertFalse(c.specialTokensMap().containsKey("bos_token"));
    assertEquals("<|im_end|>", c.specialTokensMap().get("eos_token"));
  }

  @Test
  void deepseekAddedTokenObjectsBecomeTheirContent() {
    TokenizerConfig c = real("deepseek_v3");
    assertEquals("<｜begin▁of▁sentence｜>", c.bosToken());
    assertEquals("<｜end▁of▁sentence｜>", c.eosToken());
    assertEquals("<｜end▁of▁sentence｜>", c.padToken());
    assertNull(c.unkToken());
    assertEquals(Boolean.TRUE, c.addBosToken());
    assertEquals(Boolean.FALSE, c.addEosToken());
  }

  @Test
  void llamaUnlimitedLengthIsCappedAndFlagsMayBeAbsent() {
    TokenizerConfig c = real("llama3_1");
    assertEquals(Long.MAX_VALUE, c.modelMaxLength());
    assertNull(c.addBosToken());
    assertEquals("<|begin_of_text|>", c.bosToken());
    assertEquals(new AddedToken("<|begin_of_text|>", true), c.addedTokensDecoder().get(128000));
  }

  @Test
  void minimalConfigHasEmptyDefaults() throws IOException {
    Path file = dir.resolve("tokenizer_config.json");
    Files.writeString(file, "{}");
    TokenizerConfig c = TokenizerConfig.read(file);
    assertNull(c.eosToken());
    assertNull(c.modelMaxLength());
    assertEquals(List.of(), c.additionalSpecialTokens());
    assertTrue(c.addedTokensDecoder().isEmpty());
    assertTrue(c.specialTokensMap().isEmpty());
  }

  @Test
  void errorsNameFileAndField() throws IOException {
    Path file = dir.resolve("tokenizer_config.json");
    assertError(file, "{\"bos_token\": 42}", "\"bos_token\"");
    assertError(file, "{\"add_bos_token\": \"yes\"}", "\"add_bos_token\"");
    assertError(file, "{\"model_max_length\": \"big\"}", "\"model_max_length\"");
    assertError(
        file,
        "{\"added_tokens_decoder\": {\"x\": {\"content\": \"a\"}}}",
        "\"added_tokens_decoder\"");
    assertError(
        file, "{\"added_tokens_decoder\": {\"5\": {\"special\": true}}}", "added_tokens_decoder.5");
    assertError(file, "{not json", "tokenizer_config.json");
    assertError(file, "[1]", "JSON object");
  }

  private static void assertError(Path file, String json, String field) throws IOException {
    Files.writeString(file, json);
    BrandtuneException e = assertThrows(BrandtuneException.class, () -> TokenizerConfig.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }
}

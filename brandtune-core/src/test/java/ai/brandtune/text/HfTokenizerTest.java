package ai.brandtune.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerTest {

  static Path testTokenizer(String name) {
    String root = System.getProperty("brandtune.testTokenizers");
    assertThat(root)
        .as("system property brandtune.testTokenizers (set by the Maven build)")
        .isNotNull();
    Path dir = Path.of(root, name);
    assertThat(dir.resolve("tokenizer.json"))
        .as("fetched by scripts/fetch-test-tokenizers.sh at generate-test-resources")
        .isRegularFile();
    return dir;
  }

  @Test
  void renderedQwen3PromptTokenizesToTheSpecialTokenIdsOfItsTokenizerConfig() throws Exception {
    Path dir = testTokenizer("qwen3");
    JsonNode decoder =
        new ObjectMapper()
            .readTree(dir.resolve("tokenizer_config.json").toFile())
            .get("added_tokens_decoder");
    long imStart = -1;
    long imEnd = -1;
    for (var it = decoder.fields(); it.hasNext(); ) {
      var e = it.next();
      String content = e.getValue().get("content").asText();
      if (content.equals("<|im_start|>")) {
        imStart = Long.parseLong(e.getKey());
      } else if (content.equals("<|im_end|>")) {
        imEnd = Long.parseLong(e.getKey());
      }
    }
    assertThat(imStart).isEqualTo(151644); // also what the Qwen3 model card documents
    try (HfTokenizer tok = HfTokenizer.load(dir)) {
      String prompt =
          tok.applyChatTemplate(
              List.of(ChatMessage.system("你是原素方程的文案助手。"), ChatMessage.user("写一句介绍修护精华的话")),
              true,
              Map.of("enable_thinking", false));
      long[] ids = tok.encode(prompt);
      long starts = Arrays.stream(ids).filter(i -> i == 151644).count();
      long ends = Arrays.stream(ids).filter(i -> i == 151645).count();
      assertThat(starts).isEqualTo(3); // system, user, assistant
      assertThat(ends).isEqualTo(2);
      assertThat(ids[0]).isEqualTo(imStart);
      assertThat(tok.eosTokenId()).contains(imEnd);
      assertThat(tok.padTokenId()).contains(151643L); // <|endoftext|>
      assertThat(tok.decode(ids, false)).isEqualTo(prompt);
    }
  }

  @Test
  void longTextIsNotTruncated() throws Exception {
    try (HfTokenizer tok = HfTokenizer.load(testTokenizer("qwen3"))) {
      String text = "屏障修护 ".repeat(800);
      long[] ids = tok.encode(text);
      assertThat(ids.length).isGreaterThan(1000); // DJL's default would cut at 512
      assertThat(tok.decode(ids)).isEqualTo(text);
    }
  }

  @Test
  void builtInByteLevelTokenizerRoundTripsAnyTextAndKnowsItsSpecialTokens(@TempDir Path dir)
      throws Exception {
    ByteLevelTokenizer.writeTo(dir);
    try (HfTokenizer tok = HfTokenizer.load(dir)) {
      assertThat(tok.vocabSize()).isEqualTo(259);
      String text = "原素方程 B5 修护精华，温和不刺激! 😀";
      long[] ids = tok.encode(text);
      assertThat(ids).hasSize(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
      assertThat(tok.decode(ids)).isEqualTo(text);
      String chat = tok.applyChatTemplate(List.of(ChatMessage.user("你好")), true, Map.of());
      assertThat(chat).isEqualTo("<|im_start|>user\n你好<|im_end|>\n<|im_start|>assistant\n");
      long[] chatIds = tok.encode(chat);
      assertThat(chatIds[0]).isEqualTo(257);
      assertThat(tok.eosTokenId()).contains(258L);
      assertThat(tok.padTokenId()).contains(256L);
      assertThat(tok.specialTokenIds()).containsExactlyInAnyOrder(256L, 257L, 258L);
      assertThat(tok.decode(chatIds)).isEqualTo("user\n你好\nassistant\n");
    }
  }

  @Test
  void missingTokenizerNamesTheDirectory(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> HfTokenizer.load(dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining(dir.toString());
    Files.writeString(dir.resolve("tokenizer.json"), "{not json");
    assertThatThrownBy(() -> HfTokenizer.load(dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("tokenizer.json");
  }

  @Test
  void tokenizerWithoutChatTemplateLoadsAndRefusesChatRendering(@TempDir Path dir)
      throws Exception {
    ByteLevelTokenizer.writeTo(dir);
    Path config = dir.resolve("tokenizer_config.json");
    Files.writeString(
        config, Files.readString(config).replaceAll("\"chat_template\" : \".*\",", ""));
    assertThat(Files.readString(config)).doesNotContain("chat_template");
    try (HfTokenizer tok = HfTokenizer.load(dir)) {
      assertThat(tok.chatTemplate()).isEmpty();
      assertThat(tok.eosTokenId()).contains(258L);
      assertThatThrownBy(
              () -> tok.applyChatTemplate(List.of(ChatMessage.user("x")), true, Map.of()))
          .isInstanceOf(BrandtuneException.class)
          .hasMessageContaining("no chat template");
    }
  }
}

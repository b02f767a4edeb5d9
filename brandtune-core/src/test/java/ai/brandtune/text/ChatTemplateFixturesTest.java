package ai.brandtune.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Renders every scenario of the golden fixtures (made by {@code scripts/chat_template_fixtures.py}
 * with Python jinja2, as transformers renders) with the real templates of four models, and compares
 * byte for byte.
 */
class ChatTemplateFixturesTest {

  private static final List<String> MODELS = List.of("qwen3", "llama3_1", "deepseek_v3", "gemma3");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicNode> fixtures() {
    Path tokenizers = testTokenizersDir();
    return MODELS.stream()
        .map(
            model ->
                DynamicContainer.dynamicContainer(
                    model, modelTests(model, tokenizers.resolve(model))));
  }

  private Stream<DynamicNode> modelTests(String model, Path modelDir) {
    Map<String, Object> fixture = loadFixture(model);
    ChatTemplate template =
        ChatTemplate.fromModelDir(modelDir)
            .withClock(fixedClock((String) fixture.get("strftime_now")));
    TokenizerConfig config = TokenizerConfig.read(modelDir.resolve("tokenizer_config.json"));
    List<DynamicNode> tests = new ArrayList<>();
    tests.add(
        DynamicTest.dynamicTest(
            "template matches the fixture's sha256",
            () ->
                assertEquals(
                    fixture.get("template_sha256"),
                    sha256(template.source()),
                    "the fixture was generated from another template than "
                        + modelDir
                        + "; rerun scripts/chat_template_fixtures.py")));
    tests.add(
        DynamicTest.dynamicTest(
            "special tokens as transformers passes them",
            () -> assertEquals(fixture.get("special_tokens"), config.specialTokensMap())));
    for (Object s : (List<?>) fixture.get("scenarios")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> scenario = (Map<String, Object>) s;
      tests.add(
          DynamicTest.dynamicTest(
              (String) scenario.get("name"), () -> checkScenario(template, config, scenario)));
    }
    return tests.stream();
  }

  @SuppressWarnings("unchecked")
  private static void checkScenario(
      ChatTemplate template, TokenizerConfig config, Map<String, Object> scenario) {
    List<Map<String, Object>> messages = (List<Map<String, Object>>) scenario.get("messages");
    boolean addGenerationPrompt = (Boolean) scenario.get("add_generation_prompt");
    Map<String, Object> extra = (Map<String, Object>) scenario.get("extra");
    if (scenario.containsKey("expected_error")) {
      String expectedError = (String) scenario.get("expected_error");
      BrandtuneException e =
          assertThrows(
              BrandtuneException.class,
              () -> render(template, config, messages, addGenerationPrompt, extra));
      assertTrue(
          e.getMessage().contains(expectedError),
          "expected the error to contain \"" + expectedError + "\" but was: " + e.getMessage());
    } else {
      assertEquals(
          scenario.get("expected"), render(template, config, messages, addGenerationPrompt, extra));
    }
  }

  /** Plain role/content turns go through the ChatMessage API; richer turns as maps. */
  private static String render(
      ChatTemplate template,
      TokenizerConfig config,
      List<Map<String, Object>> messages,
      boolean addGenerationPrompt,
      Map<String, Object> extra) {
    boolean plain =
        messages.stream()
            .allMatch(
                m ->
                    m.keySet().equals(Set.of("role", "content"))
                        && (m.get("content") == null || m.get("content") instanceof String));
    if (plain) {
      List<ChatMessage> chat =
          messages.stream()
              .map(m -> new ChatMessage((String) m.get("role"), (String) m.get("content")))
              .toList();
      return template.renderFor(config, chat, addGenerationPrompt, extra);
    }
    Map<String, Object> context = new LinkedHashMap<>(config.specialTokensMap());
    context.putAll(extra);
    return template.renderMessages(messages, addGenerationPrompt, context);
  }

  static Path testTokenizersDir() {
    String property = System.getProperty("brandtune.testTokenizers");
    if (property == null || property.isBlank()) {
      fail(
          "system property brandtune.testTokenizers is not set; run the tests through Maven"
              + " (Surefire sets it) or pass -Dbrandtune.testTokenizers=<dir> after running"
              + " scripts/fetch-test-tokenizers.sh <dir>");
    }
    Path dir = Path.of(property);
    for (String model : MODELS) {
      Path config = dir.resolve(model).resolve("tokenizer_config.json");
      if (!Files.isRegularFile(config)) {
        fail(
            config
                + " is missing; fetch the test tokenizers with: bash scripts/fetch-test-tokenizers.sh "
                + dir);
      }
    }
    return dir;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> loadFixture(String model) {
    String resource = "/chat-templates/" + model + ".json";
    try (InputStream in = ChatTemplateFixturesTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        fail(
            "fixture "
                + resource
                + " is missing; generate it with scripts/chat_template_fixtures.py");
      }
      return JSON.readValue(in, Map.class);
    } catch (IOException e) {
      throw new AssertionError("cannot read fixture " + resource, e);
    }
  }

  static Clock fixedClock(String isoLocalDateTime) {
    return Clock.fixed(
        LocalDateTime.parse(isoLocalDateTime).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}

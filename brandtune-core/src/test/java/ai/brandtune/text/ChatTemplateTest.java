package ai.brandtune.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brandtune.BrandtuneException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public facade: where templates come from, what context they get, how errors read. */
class ChatTemplateTest {

  @TempDir Path dir;

  private static final List<ChatMessage> HELLO =
      List.of(ChatMessage.system("Be kind."), ChatMessage.user("Hello"));

  private void write(String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text);
  }

  @Test
  void chatTemplateJinjaFileWinsOverTokenizerConfig() throws IOException {
    write("tokenizer_config.json", "{\"chat_template\": \"from config\"}");
    write("chat_template.jinja", "from jinja file\n");
    assertEquals("from jinja file\n", ChatTemplate.fromModelDir(dir).source());
    assertEquals("from jinja file", ChatTemplate.fromModelDir(dir).render(HELLO, false, null));
  }

  @Test
  void tokenizerConfigTemplateAsStringOrNamedList() throws IOException {
    write("tokenizer_config.json", "{\"chat_template\": \"{{ messages[0].content }}\"}");
    assertEquals("Be kind.", ChatTemplate.fromModelDir(dir).render(HELLO, false, Map.of()));

    write(
        "tokenizer_config.json",
        "{\"chat_template\": [{\"name\": \"tool_use\", \"template\": \"tools\"},"
            + " {\"name\": \"default\", \"template\": \"default {{ messages|length }}\"}]}");
    assertEquals("default 2", ChatTemplate.fromModelDir(dir).render(HELLO, false, Map.of()));
  }

  @Test
  void missingTemplatesNameTheDirectoryOrFile() throws IOException {
    BrandtuneException noFiles =
        assertThrows(BrandtuneException.class, () -> ChatTemplate.fromModelDir(dir));
    assertTrue(noFiles.getMessage().contains(dir.toString()), noFiles.getMessage());

    write("tokenizer_config.json", "{\"bos_token\": \"<s>\"}");
    BrandtuneException noField =
        assertThrows(BrandtuneException.class, () -> ChatTemplate.fromModelDir(dir));
    assertTrue(noField.getMessage().contains("tokenizer_config.json"), noField.getMessage());
    assertTrue(noField.getMessage().contains("chat_template"), noField.getMessage());

    write(
        "tokenizer_config.json", "{\"chat_template\": [{\"name\": \"rag\", \"template\": \"x\"}]}");
    BrandtuneException noDefault =
        assertThrows(BrandtuneException.class, () -> ChatTemplate.fromModelDir(dir));
    assertTrue(noDefault.getMessage().contains("\"default\""), noDefault.getMessage());

    Path absent = dir.resolve("absent");
    BrandtuneException noDir =
        assertThrows(BrandtuneException.class, () -> ChatTemplate.fromModelDir(absent));
    assertTrue(noDir.getMessage().contains(absent.toString()), noDir.getMessage());
  }

  @Test
  void errorsNameTheTemplateFileAndLine() throws IOException {
    write(
        "chat_template.jinja",
        "{{ bos_token }}\n{{ raise_exception('Only user and assistant roles are supported!') }}");
    BrandtuneException e =
        assertThrows(
            BrandtuneException.class,
            () -> ChatTemplate.fromModelDir(dir).render(HELLO, true, null));
    assertTrue(
        e.getMessage().contains("Only user and assistant roles are supported!"), e.getMessage());
    assertTrue(e.getMessage().contains("chat_template.jinja, line 2"), e.getMessage());

    BrandtuneException syntax =
        assertThrows(BrandtuneException.class, () -> ChatTemplate.compile("ok\n{% if %}"));
    assertTrue(syntax.getMessage().contains("chat template, line 2"), syntax.getMessage());
  }

  @Test
  void toolsAndDocumentsAreNoneUnlessGiven() {
    ChatTemplate t =
        ChatTemplate.compile(
            "{{ tools is none }} {{ documents is none }} {{ add_generation_prompt }} {{ tools|length if tools else '' }}");
    assertEquals("True True False ", t.render(HELLO, false, null));
    assertEquals(
        "False True True 1", t.render(HELLO, true, Map.of("tools", List.of(Map.of("name", "f")))));
  }

  @Test
  void contentMayBeNone() {
    ChatTemplate t = ChatTemplate.compile("{{ messages[0].content is none }}");
    assertEquals("True", t.render(List.of(new ChatMessage("assistant", null)), false, null));
  }

  @Test
  void reservedNamesCannotComeThroughExtraContext() {
    ChatTemplate t = ChatTemplate.compile("x");
    assertThrows(
        BrandtuneException.class, () -> t.render(HELLO, true, Map.of("messages", List.of())));
    assertThrows(
        BrandtuneException.class,
        () -> t.render(HELLO, true, Map.of("add_generation_prompt", false)));
  }

  @Test
  void renderForFillsSpecialTokensAndExtraOverrides() {
    TokenizerConfig config =
        new TokenizerConfig(
            "<s>", "</s>", null, null, "", null, null, List.of(), true, false, 4096L, Map.of());
    ChatTemplate t =
        ChatTemplate.compile(
            "{{ bos_token }}|{{ eos_token }}|{{ pad_token is defined }}|{{ unk_token is defined }}");
    assertEquals("<s>|</s>|False|False", t.renderFor(config, HELLO, false, null));
    Map<String, Object> extra = new HashMap<>();
    extra.put("bos_token", "<BOS>");
    assertEquals("<BOS>|</s>|False|False", t.renderFor(config, HELLO, false, extra));
  }

  @Test
  void withClockDrivesStrftimeNowAndLeavesTheOriginal() {
    ChatTemplate t = ChatTemplate.compile("{{ strftime_now('%d %b %Y') }}");
    ChatTemplate fixed = t.withClock(ChatTemplateFixturesTest.fixedClock("2024-07-26T10:00:00"));
    assertEquals("26 Jul 2024", fixed.render(HELLO, false, null));
    assertEquals(t.source(), fixed.source());
    assertTrue(t != fixed);
  }

  @Test
  void messageFactoriesSetRoles() {
    assertEquals(new ChatMessage("system", "a"), ChatMessage.system("a"));
    assertEquals(new ChatMessage("user", "b"), ChatMessage.user("b"));
    assertEquals(new ChatMessage("assistant", "c"), ChatMessage.assistant("c"));
    assertThrows(IllegalArgumentException.class, () -> new ChatMessage(" ", "x"));
  }
}

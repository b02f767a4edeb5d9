package ai.brandtune.text;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.jinja.Template;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's own Hugging Face chat template, rendered byte for byte as transformers' {@code
 * apply_chat_template(..., tokenize=False)} renders it with Python jinja2. Unsupported template
 * features fail with a {@link BrandtuneException} naming the construct and line; nothing renders
 * silently wrong. Immutable and thread-safe.
 */
public final class ChatTemplate {

  private final String source;
  private final Template template;
  private final Clock clock;

  private ChatTemplate(String source, Template template, Clock clock) {
    this.source = source;
    this.template = template;
    this.clock = clock;
  }

  /** Parses a template; syntax errors come back as a BrandtuneException with the line. */
  public static ChatTemplate compile(String source) {
    return compile(source, "chat template");
  }

  private static ChatTemplate compile(String source, String origin) {
    return new ChatTemplate(source, Template.parse(source, origin), Clock.systemDefaultZone());
  }

  /**
   * Loads the template of a Hugging Face model directory: {@code chat_template.jinja} if present,
   * else {@code tokenizer_config.json}'s {@code chat_template} (a string, or the "default" entry of
   * a list of {@code {name, template}}).
   */
  public static ChatTemplate fromModelDir(Path dir) {
    ChatTemplateSource found = ChatTemplateSource.find(dir);
    return compile(found.text(), found.origin());
  }

  /** Like {@link #fromModelDir}, but empty when the directory has no chat template at all. */
  public static java.util.Optional<ChatTemplate> fromModelDirIfPresent(Path dir) {
    return ChatTemplateSource.findIfPresent(dir)
        .map(found -> compile(found.text(), found.origin()));
  }

  public String source() {
    return source;
  }

  /**
   * A copy whose {@code strftime_now} reads {@code clock} (local date-time in the clock's zone, as
   * Python's {@code datetime.now()}); the default is the system clock.
   */
  public ChatTemplate withClock(Clock clock) {
    return new ChatTemplate(source, template, clock);
  }

  /**
   * Renders {@code messages}. {@code extraContext} holds further template variables, e.g. {@code
   * enable_thinking -> false}, {@code bos_token -> "<s>"} or {@code tools -> List<Map>}; values are
   * String, Number, Boolean, List, Map or null, and may be null altogether. Python dicts keep
   * insertion order and templates print it (tool schemas through {@code tojson}), so pass
   * insertion-ordered maps such as {@code LinkedHashMap} where order shows.
   */
  public String render(
      List<ChatMessage> messages, boolean addGenerationPrompt, Map<String, Object> extraContext) {
    List<Map<String, Object>> dicts = new ArrayList<>();
    for (ChatMessage m : messages) {
      dicts.add(m.toTemplateValue());
    }
    return renderMessages(dicts, addGenerationPrompt, extraContext);
  }

  /**
   * Like {@link #render} but fills the tokenizer's special tokens ({@code bos_token}, {@code
   * eos_token}, ...) first, as transformers does; {@code extraContext} may override them.
   */
  public String renderFor(
      TokenizerConfig config,
      List<ChatMessage> messages,
      boolean addGenerationPrompt,
      Map<String, Object> extraContext) {
    Map<String, Object> context = new LinkedHashMap<>(config.specialTokensMap());
    if (extraContext != null) {
      context.putAll(extraContext);
    }
    return render(messages, addGenerationPrompt, context);
  }

  /**
   * Renders messages given as maps, for turns a {@link ChatMessage} cannot express: {@code
   * tool_calls}, {@code reasoning_content}, or list-of-parts {@code content}. Same context rules as
   * {@link #render}.
   */
  public String renderMessages(
      List<? extends Map<String, ?>> messages,
      boolean addGenerationPrompt,
      Map<String, ?> extraContext) {
    Map<String, Object> context = new LinkedHashMap<>();
    if (extraContext != null) {
      for (String reserved : List.of("messages", "add_generation_prompt")) {
        if (extraContext.containsKey(reserved)) {
          throw new BrandtuneException(
              "extra chat-template context must not set \""
                  + reserved
                  + "\"; pass it as the render argument instead");
        }
      }
      context.putAll(extraContext);
    }
    // transformers always passes tools and documents, as None when there are none.
    context.putIfAbsent("tools", null);
    context.putIfAbsent("documents", null);
    context.put("messages", messages);
    context.put("add_generation_prompt", addGenerationPrompt);
    return template.render(context, clock);
  }
}

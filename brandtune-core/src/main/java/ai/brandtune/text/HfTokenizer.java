package ai.brandtune.text;

import ai.brandtune.BrandtuneException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Hugging Face tokenizer ({@code tokenizer.json} + {@code tokenizer_config.json}) over DJL's
 * native one, with safe defaults: no truncation (DJL silently cuts at 512 tokens otherwise), no
 * padding, no special tokens added unless asked, and offline mode so DJL never downloads a native
 * library. Thread-safe for encode and decode.
 */
public final class HfTokenizer implements AutoCloseable {
  static {
    // Must be set before DJL first loads its native library; the launcher sets them too.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
  }

  private final Path directory;
  private final HuggingFaceTokenizer tokenizer;
  private final TokenizerVocabulary vocabulary;
  private final TokenizerConfig config;
  private final ChatTemplate chatTemplate;

  private HfTokenizer(
      Path directory,
      HuggingFaceTokenizer tokenizer,
      TokenizerVocabulary vocabulary,
      TokenizerConfig config,
      ChatTemplate chatTemplate) {
    this.directory = directory;
    this.tokenizer = tokenizer;
    this.vocabulary = vocabulary;
    this.config = config;
    this.chatTemplate = chatTemplate;
  }

  /**
   * Loads {@code dir/tokenizer.json}, and {@code tokenizer_config.json} and a chat template if
   * present.
   */
  public static HfTokenizer load(Path dir) {
    Path json = dir.resolve("tokenizer.json");
    if (!Files.isRegularFile(json)) {
      throw new BrandtuneException(
          dir
              + ": no tokenizer.json (brandtune reads fast-tokenizer files; convert with transformers' AutoTokenizer.save_pretrained)");
    }
    Path configFile = dir.resolve("tokenizer_config.json");
    TokenizerConfig config =
        Files.isRegularFile(configFile) ? TokenizerConfig.read(configFile) : null;
    ChatTemplate template = ChatTemplate.fromModelDirIfPresent(dir).orElse(null);
    TokenizerVocabulary vocabulary = TokenizerVocabulary.read(json);
    try {
      HuggingFaceTokenizer t =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(json)
              .optAddSpecialTokens(false)
              .optTruncation(false)
              .optPadding(false)
              .build();
      return new HfTokenizer(dir, t, vocabulary, config, template);
    } catch (IOException | RuntimeException e) {
      throw new BrandtuneException(json + ": cannot load tokenizer: " + e.getMessage(), e);
    }
  }

  /**
   * Token ids of {@code text} without added special tokens (chat-template text carries its own).
   */
  public long[] encode(String text) {
    return encode(text, false);
  }

  /**
   * Token ids of {@code text} (no special tokens added; special tokens written in the text, such as
   * {@code <|im_end|>}, become their ids) with each token's span in UTF-16 chars of {@code text}.
   */
  public EncodedText encodeWithOffsets(String text) {
    Encoding encoding = tokenizer.encode(text, false, false);
    long[] ids = encoding.getIds();
    CharSpan[] spans = encoding.getCharTokenSpans();
    // DJL counts code points; Java strings index UTF-16 chars (an emoji is two).
    int[] charIndex = new int[text.codePointCount(0, text.length()) + 1];
    for (int cp = 0, ch = 0; ch <= text.length(); cp++) {
      charIndex[cp] = ch;
      if (ch == text.length()) {
        break;
      }
      ch += Character.charCount(text.codePointAt(ch));
    }
    int[] starts = new int[ids.length];
    int[] ends = new int[ids.length];
    int previousEnd = 0;
    for (int i = 0; i < ids.length; i++) {
      CharSpan span = spans[i];
      if (span == null) { // a token with no source text: give it an empty span where it stands
        starts[i] = previousEnd;
        ends[i] = previousEnd;
      } else {
        starts[i] = charIndex[span.getStart()];
        ends[i] = charIndex[span.getEnd()];
      }
      previousEnd = ends[i];
    }
    return new EncodedText(ids, starts, ends);
  }

  /** With {@code addSpecialTokens}, the tokenizer's post-processor adds e.g. BOS. */
  public long[] encode(String text, boolean addSpecialTokens) {
    return tokenizer.encode(text, addSpecialTokens, false).getIds();
  }

  /** Text of {@code ids} without special tokens. */
  public String decode(long[] ids) {
    return decode(ids, true);
  }

  public String decode(long[] ids, boolean skipSpecialTokens) {
    for (long id : ids) {
      if (id < 0 || id >= vocabSize()) {
        throw new BrandtuneException(
            "token id "
                + id
                + " is outside the vocabulary of "
                + directory
                + " (size "
                + vocabSize()
                + ")");
      }
    }
    return tokenizer.decode(ids, skipSpecialTokens);
  }

  /** The token string of an id, e.g. {@code Ġthe} or {@code <|im_end|>}. */
  public String token(long id) {
    return vocabulary.token(id);
  }

  /** The id of a token string, if it is in the vocabulary. */
  public Optional<Long> id(String token) {
    return Optional.ofNullable(vocabulary.id(token));
  }

  public int vocabSize() {
    return vocabulary.size();
  }

  public Set<Long> specialTokenIds() {
    return vocabulary.specialIds();
  }

  public Optional<Long> eosTokenId() {
    return config == null || config.eosToken() == null ? Optional.empty() : id(config.eosToken());
  }

  public Optional<Long> bosTokenId() {
    return config == null || config.bosToken() == null ? Optional.empty() : id(config.bosToken());
  }

  public Optional<Long> padTokenId() {
    return config == null || config.padToken() == null ? Optional.empty() : id(config.padToken());
  }

  public Optional<TokenizerConfig> config() {
    return Optional.ofNullable(config);
  }

  public Optional<ChatTemplate> chatTemplate() {
    return Optional.ofNullable(chatTemplate);
  }

  /**
   * Renders messages with the model's own chat template, special tokens filled as transformers
   * does.
   */
  public String applyChatTemplate(
      List<ChatMessage> messages, boolean addGenerationPrompt, Map<String, Object> extraContext) {
    if (chatTemplate == null) {
      throw new BrandtuneException(
          directory
              + ": the tokenizer has no chat template (tokenizer_config.json 'chat_template' or chat_template.jinja); use --raw for plain text");
    }
    return config == null
        ? chatTemplate.render(messages, addGenerationPrompt, extraContext)
        : chatTemplate.renderFor(config, messages, addGenerationPrompt, extraContext);
  }

  public Path directory() {
    return directory;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}

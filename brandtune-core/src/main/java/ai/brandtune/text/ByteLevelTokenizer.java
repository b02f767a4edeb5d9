package ai.brandtune.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in tokenizer for models brandtune creates without one: GPT-2 style byte-level BPE with
 * the 256 byte tokens and no merges (any text, Chinese included, encodes losslessly), or with a
 * vocabulary {@link BpeTrainer} learned on a corpus, plus ChatML special tokens (after the other
 * tokens) and a ChatML chat template. Written as standard {@code tokenizer.json} and {@code
 * tokenizer_config.json}, so transformers loads it too.
 */
public final class ByteLevelTokenizer {
  public static final String END_OF_TEXT = "<|endoftext|>";
  public static final String IM_START = "<|im_start|>";
  public static final String IM_END = "<|im_end|>";
  public static final List<String> SPECIAL_TOKENS = List.of(END_OF_TEXT, IM_START, IM_END);

  /** ChatML, as Qwen2.5 uses it for plain (tool-free) conversations. */
  public static final String CHAT_TEMPLATE =
      "{%- for message in messages %}"
          + "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
          + "{%- endfor %}"
          + "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ByteLevelTokenizer() {}

  /** Writes tokenizer.json and tokenizer_config.json into {@code dir}. */
  public static void writeTo(Path dir) throws IOException {
    writeTo(dir, new BpeTrainer.Vocabulary(List.of(), List.of(), BpeTrainer.Splitting.WORDS));
  }

  /**
   * Writes tokenizer.json and tokenizer_config.json into {@code dir} with a learned vocabulary on
   * top of the 256 byte tokens (as {@link BpeTrainer} learns it): token {@code 256 + i} is {@code
   * learned.tokens().get(i)}, and the special tokens follow the learned ones.
   */
  public static void writeTo(Path dir, BpeTrainer.Vocabulary learned) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("tokenizer.json"), JSON.writeValueAsString(tokenizerJson(learned)));
    Files.writeString(
        dir.resolve("tokenizer_config.json"),
        JSON.writeValueAsString(tokenizerConfig(256 + learned.tokens().size())));
  }

  private static ObjectNode tokenizerJson(BpeTrainer.Vocabulary learned) {
    int firstSpecial = 256 + learned.tokens().size();
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int i = 0; i < SPECIAL_TOKENS.size(); i++) {
      ObjectNode t = added.addObject();
      t.put("id", firstSpecial + i);
      t.put("content", SPECIAL_TOKENS.get(i));
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      t.put("special", true);
    }
    root.putNull("normalizer");
    root.set("pre_tokenizer", preTokenizer(learned.splitting()));
    root.set("post_processor", byteLevel(false, false));
    root.set("decoder", byteLevel(false, true));
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.putNull("unk_token");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", false);
    model.put("byte_fallback", false);
    model.put("ignore_merges", false);
    ObjectNode vocab = model.putObject("vocab");
    String[] byteChars = byteToUnicode();
    for (int b = 0; b < 256; b++) {
      vocab.put(byteChars[b], b);
    }
    ArrayNode mergeList = model.putArray("merges");
    for (int i = 0; i < learned.tokens().size(); i++) {
      vocab.put(learned.tokens().get(i), 256 + i);
    }
    for (BpeTrainer.Merge m : learned.merges()) {
      mergeList.add(m.left() + " " + m.right());
    }
    return root;
  }

  private static ObjectNode preTokenizer(BpeTrainer.Splitting splitting) {
    if (splitting == BpeTrainer.Splitting.WORDS) {
      return byteLevel(false, true);
    }
    ObjectNode sequence = JSON.createObjectNode();
    sequence.put("type", "Sequence");
    ArrayNode steps = sequence.putArray("pretokenizers");
    ObjectNode lines = steps.addObject();
    lines.put("type", "Split");
    lines.putObject("pattern").put("String", "\n");
    lines.put("behavior", "Isolated");
    lines.put("invert", false);
    ObjectNode bytes = byteLevel(false, true);
    bytes.put("use_regex", false);
    steps.add(bytes);
    return sequence;
  }

  private static ObjectNode byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "ByteLevel");
    n.put("add_prefix_space", addPrefixSpace);
    n.put("trim_offsets", trimOffsets);
    n.put("use_regex", true);
    return n;
  }

  private static ObjectNode tokenizerConfig(int firstSpecial) {
    ObjectNode c = JSON.createObjectNode();
    c.put("add_bos_token", false);
    c.put("add_prefix_space", false);
    ObjectNode decoder = c.putObject("added_tokens_decoder");
    for (int i = 0; i < SPECIAL_TOKENS.size(); i++) {
      ObjectNode t = decoder.putObject(String.valueOf(firstSpecial + i));
      t.put("content", SPECIAL_TOKENS.get(i));
      t.put("lstrip", false);
      t.put("normalized", false);
      t.put("rstrip", false);
      t.put("single_word", false);
      t.put("special", true);
    }
    c.putArray("additional_special_tokens").add(IM_START).add(IM_END);
    c.putNull("bos_token");
    c.put("chat_template", CHAT_TEMPLATE);
    c.put("clean_up_tokenization_spaces", false);
    c.put("eos_token", IM_END);
    c.put("errors", "replace");
    c.put("model_max_length", 131072);
    c.put("pad_token", END_OF_TEXT);
    c.put("split_special_tokens", false);
    c.put("tokenizer_class", "Qwen2Tokenizer");
    c.putNull("unk_token");
    return c;
  }

  /** GPT-2's reversible byte-to-printable-character table. */
  static String[] byteToUnicode() {
    String[] table = new String[256];
    int extra = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable =
          (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      table[b] = new String(Character.toChars(printable ? b : 256 + extra++));
    }
    return table;
  }
}

package ai.brandtune.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.text.ByteLevelTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tokenizer directories for the data tests. */
final class TestTokenizers {
  private TestTokenizers() {}

  /** A real tokenizer fetched by the build (qwen3, llama3_1, deepseek_v3, gemma3). */
  static Path real(String name) {
    String root = System.getProperty("brandtune.testTokenizers");
    assertThat(root)
        .as("system property brandtune.testTokenizers (set by the Maven build)")
        .isNotNull();
    Path dir = Path.of(root, name);
    assertThat(dir.resolve("tokenizer.json")).isRegularFile();
    return dir;
  }

  /**
   * The built-in byte-level ChatML tokenizer: bytes 0-255, endoftext 256, im_start 257, im_end 258.
   */
  static Path byteLevel(Path dir) throws IOException {
    ByteLevelTokenizer.writeTo(dir);
    return dir;
  }

  /** The byte-level tokenizer with some tokenizer_config.json fields replaced. */
  static Path byteLevelWith(Path dir, String field, String value) throws IOException {
    ByteLevelTokenizer.writeTo(dir);
    Path config = dir.resolve("tokenizer_config.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode node = (ObjectNode) json.readTree(config.toFile());
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
    Files.writeString(config, json.writeValueAsString(node));
    return dir;
  }
}

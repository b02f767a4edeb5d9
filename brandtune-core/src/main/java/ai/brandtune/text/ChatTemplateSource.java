package ai.brandtune.text;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a model directory's chat template the way transformers does: {@code chat_template.jinja}
 * wins; otherwise {@code tokenizer_config.json}'s {@code "chat_template"}, a string or a list of
 * {@code {name, template}} from which "default" is used.
 */
record ChatTemplateSource(String text, String origin) {

  static final String JINJA_FILE = "chat_template.jinja";
  static final String CONFIG_FILE = "tokenizer_config.json";

  static ChatTemplateSource find(Path dir) {
    return findIfPresent(dir)
        .orElseThrow(
            () ->
                new BrandtuneException(
                    "no chat template in "
                        + dir
                        + ": neither "
                        + JINJA_FILE
                        + " nor a \"chat_template\" field in "
                        + CONFIG_FILE
                        + "; add the model's chat template there"));
  }

  /** Empty when the directory has no template at all; a malformed one still throws. */
  static Optional<ChatTemplateSource> findIfPresent(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BrandtuneException("model directory " + dir + " does not exist");
    }
    Path jinja = dir.resolve(JINJA_FILE);
    if (Files.isRegularFile(jinja)) {
      return Optional.of(new ChatTemplateSource(read(jinja), jinja.toString()));
    }
    Path config = dir.resolve(CONFIG_FILE);
    return Files.isRegularFile(config) ? fromConfig(config) : Optional.empty();
  }

  private static Optional<ChatTemplateSource> fromConfig(Path config) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(read(config));
    } catch (JsonProcessingException e) {
      throw new BrandtuneException(config + ": invalid JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode template = root == null ? null : root.get("chat_template");
    String where = "chat template in " + config;
    if (template == null || template.isNull()) {
      return Optional.empty();
    }
    if (template.isTextual()) {
      return Optional.of(new ChatTemplateSource(template.asText(), where));
    }
    if (template.isArray()) {
      List<String> names = new ArrayList<>();
      for (JsonNode entry : template) {
        String name = entry.path("name").asText(null);
        names.add(name);
        if ("default".equals(name) && entry.path("template").isTextual()) {
          return Optional.of(
              new ChatTemplateSource(entry.get("template").asText(), where + " (\"default\")"));
        }
      }
      throw new BrandtuneException(
          config
              + ": field \"chat_template\" lists templates "
              + names
              + " but none named \"default\"");
    }
    throw new BrandtuneException(
        config + ": field \"chat_template\" must be a string or a list of {name, template}");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new BrandtuneException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}

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

/**
 * Finds a model directory's chat template the way transformers does: {@code chat_template.jinja}
 * wins; otherwise {@code tokenizer_config.json}'s {@code "chat_template"}, a string or a list of
 * {@code {name, template}} from which "default" is used.
 */
record ChatTemplateSource(String text, String origin) {

  static final String JINJA_FILE = "chat_template.jinja";
  static final String CONFIG_FILE = "tokenizer_config.json";

  static ChatTemplateSource find(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BrandtuneException("model directory " + dir + " does not exist");
    }
    Path jinja = dir.resolve(JINJA_FILE);
    if (Files.isRegularFile(jinja)) {
      return new ChatTemplateSource(read(jinja), jinja.toString());
    }
    Path config = dir.resolve(CONFIG_FILE);
    if (!Files.isRegularFile(config)) {
      throw new BrandtuneException(
          "no chat template in "
              + dir
              + ": it has neither "
              + JINJA_FILE
              + " nor "
              + CONFIG_FILE
              + "; add the model's chat template there");
    }
    return fromConfig(config);
  }

  private static ChatTemplateSource fromConfig(Path config) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(read(config));
    } catch (JsonProcessingException e) {
      throw new BrandtuneException(config + ": invalid JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode template = root == null ? null : root.get("chat_template");
    String where = "chat template in " + config;
    if (template == null || template.isNull()) {
      throw new BrandtuneException(
          config
              + " has no \"chat_template\" field and "
              + config.resolveSibling(JINJA_FILE)
              + " does not exist; add the model's chat template");
    }
    if (template.isTextual()) {
      return new ChatTemplateSource(template.asText(), where);
    }
    if (template.isArray()) {
      List<String> names = new ArrayList<>();
      for (JsonNode entry : template) {
        String name = entry.path("name").asText(null);
        names.add(name);
        if ("default".equals(name) && entry.path("template").isTextual()) {
          return new ChatTemplateSource(entry.get("template").asText(), where + " (\"default\")");
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

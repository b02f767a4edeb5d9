package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The word lists and sentence templates of the offline (rule-based) cleaning and rejected-variant
 * generators: {@code ai/brandtune/synth/offline_rules.yaml}, or the file of the same name in the
 * config's {@code prompts_dir}. They are Chinese and tuned to skincare copy; a brand in another
 * language or domain replaces the file.
 */
record OfflineRules(
    String version,
    List<String> ctaSentences,
    Map<String, String> weakReplacements,
    List<String> weakOpeners,
    List<String> weakClosers,
    List<String> weakStoryCues,
    List<String> exaggeratedOpeners,
    List<String> exaggeratedInserts,
    List<String> fabricatedIngredient,
    List<String> fabricatedEffect) {

  static final String FILE = "offline_rules.yaml";
  private static final String RESOURCE = "ai/brandtune/synth/" + FILE;
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  OfflineRules {
    ctaSentences = list(ctaSentences);
    weakReplacements = weakReplacements == null ? Map.of() : Map.copyOf(weakReplacements);
    weakOpeners = list(weakOpeners);
    weakClosers = list(weakClosers);
    weakStoryCues = list(weakStoryCues);
    exaggeratedOpeners = list(exaggeratedOpeners);
    exaggeratedInserts = list(exaggeratedInserts);
    fabricatedIngredient = list(fabricatedIngredient);
    fabricatedEffect = list(fabricatedEffect);
  }

  private static List<String> list(List<String> l) {
    return l == null ? List.of() : List.copyOf(l);
  }

  /** The rules in {@code promptsDir} if it has the file, else the built-in ones. */
  static OfflineRules load(Path promptsDir) {
    Path user = promptsDir == null ? null : promptsDir.resolve(FILE);
    try {
      if (user != null && Files.isRegularFile(user)) {
        return YAML.readValue(user.toFile(), OfflineRules.class);
      }
      try (InputStream in = OfflineRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        return YAML.readValue(in, OfflineRules.class);
      }
    } catch (UnrecognizedPropertyException e) {
      throw new BrandtuneException(
          user + ":" + e.getLocation().getLineNr() + ": unknown key '" + e.getPropertyName() + "'",
          e);
    } catch (IOException e) {
      throw new BrandtuneException(
          (user != null ? user : RESOURCE) + ": " + e.getMessage().lines().findFirst().orElse(""),
          e);
    }
  }
}

package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Checks the keys of nested config blocks ({@code teacher:}, {@code reject_mix:}, ...) against
 * their records, because the config binder ignores unknown keys below the top level, and a typo in
 * a teacher block ({@code api_key:} for {@code api_key_env:}) would otherwise be silently dropped.
 * Top-level keys are left to {@link ai.brandtune.train.ConfigFile}.
 */
final class NestedKeys {
  private NestedKeys() {}

  static void check(Path file, Class<? extends Record> type) {
    if (!file.toFile().isFile()) {
      return; // ConfigFile names the missing file
    }
    try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      walk(p, type, "", file, true);
    } catch (IOException e) {
      // ConfigFile reports invalid YAML with its own message
    }
  }

  private static void walk(JsonParser p, Class<?> type, String prefix, Path file, boolean root)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      int line = p.currentTokenLocation().getLineNr();
      RecordComponent c = component(type, name);
      if (c == null && !root) {
        throw new BrandtuneException(
            file
                + ":"
                + line
                + ": unknown key '"
                + prefix
                + name
                + "' (did you mean '"
                + prefix
                + closest(type, name)
                + "'?)");
      }
      JsonToken value = p.nextToken();
      if (value == JsonToken.START_OBJECT && c != null && c.getType().isRecord()) {
        walk(p, c.getType(), prefix + name + ".", file, false);
      } else {
        p.skipChildren();
      }
    }
  }

  private static RecordComponent component(Class<?> type, String key) {
    if (!type.isRecord()) {
      return null;
    }
    for (RecordComponent c : type.getRecordComponents()) {
      if (snake(c.getName()).equals(key)) {
        return c;
      }
    }
    return null;
  }

  private static String closest(Class<?> type, String key) {
    if (!type.isRecord() || type.getRecordComponents().length == 0) {
      return "";
    }
    List<String> keys =
        Arrays.stream(type.getRecordComponents()).map(c -> snake(c.getName())).toList();
    return keys.stream().min(Comparator.comparingInt(k -> distance(k, key))).orElse("");
  }

  private static String snake(String name) {
    return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(name);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}

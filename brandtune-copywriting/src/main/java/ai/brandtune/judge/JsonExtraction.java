package ai.brandtune.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the JSON object in a judge's answer however it is wrapped: inside a markdown code fence,
 * after or before prose, with full-width Chinese punctuation where JSON needs ASCII ({@code ：},
 * {@code ，}, {@code “…”}, {@code ｛｝}), with trailing commas or single quotes. Judges produce all of
 * these; failing on them would discard valid verdicts and bias the results toward terse judges.
 */
public final class JsonExtraction {
  private static final JsonMapper LENIENT =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .build();
  private static final Pattern FENCE =
      Pattern.compile("```[a-zA-Z]*\\s*\\n?(.*?)```", Pattern.DOTALL);

  private JsonExtraction() {}

  /** The first JSON object in {@code text} that parses, or empty when there is none. */
  public static Optional<ObjectNode> extract(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    List<String> candidates = new ArrayList<>();
    Matcher m = FENCE.matcher(text);
    while (m.find()) {
      candidates.add(m.group(1));
    }
    candidates.add(text);
    for (String c : candidates) {
      for (String variant : List.of(c, normalizePunctuation(c))) {
        Optional<ObjectNode> found = firstObject(variant);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** Tries every {@code {} in order, parsing the balanced span it opens. */
  private static Optional<ObjectNode> firstObject(String s) {
    for (int start = s.indexOf('{'); start >= 0; start = s.indexOf('{', start + 1)) {
      int end = matchingBrace(s, start);
      if (end < 0) {
        continue;
      }
      try {
        JsonNode node = LENIENT.readTree(s.substring(start, end + 1));
        if (node != null && node.isObject()) {
          return Optional.of((ObjectNode) node);
        }
      } catch (JsonProcessingException e) {
        // not this one: a brace in prose, or a malformed object; try the next
      }
    }
    return Optional.empty();
  }

  /** Index of the brace closing the one at {@code open}, skipping strings; -1 if unbalanced. */
  static int matchingBrace(String s, int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Maps full-width punctuation to JSON's ASCII outside strings, and turns Chinese-quoted strings
   * ({@code “…”}) into JSON strings; Chinese quotes inside an ASCII-quoted string stay as text.
   */
  static String normalizePunctuation(String s) {
    StringBuilder out = new StringBuilder(s.length());
    char closing = 0; // the quote that ends the string we are in; 0 outside strings
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (closing != 0) {
        if (c == '\\' && closing == '"' && i + 1 < s.length()) {
          out.append(c).append(s.charAt(++i));
        } else if (c == closing || (closing == '”' && c == '"')) {
          // a judge may open a string with “ and close it with ", or the other way round
          out.append('"');
          closing = 0;
        } else if (c == '"') {
          out.append("\\\"");
        } else {
          out.append(c);
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          out.append('"');
          closing = '"';
        }
        case '＂' -> {
          out.append('"');
          closing = '＂';
        }
        case '“' -> {
          out.append('"');
          closing = '”';
        }
        case '：' -> out.append(':');
        case '，', '、' -> out.append(',');
        case '｛' -> out.append('{');
        case '｝' -> out.append('}');
        case '［', '【' -> out.append('[');
        case '］', '】' -> out.append(']');
        case '”' -> out.append('"');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and writes the synthesis stage files: JSONL, UTF-8, one record a line, keys in a fixed
 * order. Reading reports every malformed line (up to 20) in one {@link BrandtuneException} whose
 * lines start with {@code file:line:}; writing goes through a temporary file and a rename, so a
 * crash never leaves half a file under the final name.
 *
 * <pre>
 * copies:      {"prompt":[{"role","content"}...],"completion":"...","meta":{"product_id","content_type",...}}
 * preferences: {"prompt":[...],"chosen":"...","rejected":["...",...],"rejected_types":["weak",...],"meta":{...}}
 * </pre>
 *
 * Preferences are also read in the single form {@code "rejected":"...","rejected_type":"weak"}.
 */
public final class SynthFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> COPY_KEYS = Set.of("prompt", "completion", "meta");
  private static final Set<String> PREFERENCE_KEYS =
      Set.of("prompt", "chosen", "rejected", "rejected_type", "rejected_types", "meta");
  private static final int MAX_REPORTED = 20;

  private SynthFiles() {}

  public static List<CopyRecord> readCopies(Path file) {
    return read(file, SynthFiles::parseCopy);
  }

  public static List<PreferenceRecord> readPreferences(Path file) {
    return read(file, SynthFiles::parsePreference);
  }

  /** Writes the records atomically (temporary file, then rename). */
  public static void writeCopies(Path file, List<CopyRecord> records) {
    writeLines(file, records.stream().map(SynthFiles::copyLine).toList());
  }

  /** Writes the records atomically (temporary file, then rename). */
  public static void writePreferences(Path file, List<PreferenceRecord> records) {
    writeLines(file, records.stream().map(SynthFiles::preferenceLine).toList());
  }

  /** One copy record as its JSONL line (no newline). */
  public static String copyLine(CopyRecord r) {
    ObjectNode n = JSON.createObjectNode();
    n.set("prompt", messages(r.prompt()));
    n.put("completion", r.completion());
    n.set("meta", JSON.valueToTree(r.meta()));
    return write(n);
  }

  /** One preference record as its JSONL line (no newline), always in the list form. */
  public static String preferenceLine(PreferenceRecord r) {
    ObjectNode n = JSON.createObjectNode();
    n.set("prompt", messages(r.prompt()));
    n.put("chosen", r.chosen());
    ArrayNode rejected = n.putArray("rejected");
    r.rejected().forEach(rejected::add);
    ArrayNode types = n.putArray("rejected_types");
    r.rejectedTypes().forEach(types::add);
    n.set("meta", JSON.valueToTree(r.meta()));
    return write(n);
  }

  /**
   * Parses one copy line.
   *
   * @param location {@code file:line}, used in the error and kept in the record
   * @throws BrandtuneException starting with {@code location:} when the line is malformed
   */
  public static CopyRecord parseCopy(String line, String location) {
    Fields f = new Fields(line, location, COPY_KEYS);
    List<ChatMessage> prompt = f.prompt();
    String completion = f.text("completion");
    Map<String, Object> meta = f.meta();
    return new CopyRecord(prompt, completion, meta, location);
  }

  /**
   * Parses one preference line, list or single form.
   *
   * @throws BrandtuneException starting with {@code location:} when the line is malformed
   */
  public static PreferenceRecord parsePreference(String line, String location) {
    Fields f = new Fields(line, location, PREFERENCE_KEYS);
    List<ChatMessage> prompt = f.prompt();
    String chosen = f.text("chosen");
    List<String> rejected;
    List<String> types;
    if (f.node.path("rejected").isArray()) {
      rejected = f.textList("rejected");
      types = f.textList("rejected_types");
      if (f.node.has("rejected_type")) {
        throw f.error("use \"rejected_types\" (a list) with a list of rejected variants");
      }
    } else {
      rejected = List.of(f.text("rejected"));
      types = List.of(f.text(f.node.has("rejected_types") ? "rejected_types" : "rejected_type"));
    }
    if (rejected.isEmpty()) {
      throw f.error("\"rejected\" must hold at least one variant");
    }
    if (rejected.size() != types.size()) {
      throw f.error(
          rejected.size()
              + " rejected variants but "
              + types.size()
              + " rejected_types; give one type per variant");
    }
    Map<String, Object> meta = f.meta();
    return new PreferenceRecord(prompt, chosen, rejected, types, meta, location);
  }

  /** A line parser: the text of the line and its {@code file:line}. */
  @FunctionalInterface
  public interface LineParser<T> {
    T parse(String line, String location);
  }

  /**
   * Reads every non-blank line with {@code parser}; all malformed lines (up to 20 shown) are
   * reported in one error.
   */
  public static <T> List<T> read(Path file, LineParser<T> parser) {
    List<T> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int bad = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int n = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(parser.parse(line, file + ":" + n));
        } catch (BrandtuneException e) {
          bad++;
          if (problems.size() < MAX_REPORTED) {
            problems.add(e.getMessage());
          }
        }
      }
    } catch (NoSuchFileException e) {
      throw new BrandtuneException(file + ": no such file; run the stage that writes it first");
    } catch (IOException e) {
      throw new BrandtuneException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (bad > 0) {
      String more = bad > problems.size() ? "\n... and " + (bad - problems.size()) + " more" : "";
      throw new BrandtuneException(String.join("\n", problems) + more);
    }
    return out;
  }

  /** Writes lines (each followed by a newline) through a temporary file and an atomic rename. */
  public static void writeLines(Path file, List<String> lines) {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    writeAtomically(file, sb.toString());
  }

  /** Writes text through a temporary file in the same directory and an atomic rename. */
  public static void writeAtomically(Path file, String text) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      // not Files.createTempFile: its owner-only permissions would stick to the renamed file
      Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new BrandtuneException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  private static ArrayNode messages(List<ChatMessage> messages) {
    ArrayNode a = JSON.createArrayNode();
    for (ChatMessage m : messages) {
      ObjectNode o = a.addObject();
      o.put("role", m.role());
      o.put("content", m.content());
    }
    return a;
  }

  private static String write(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fields of one line's JSON object; every problem is an error naming file:line. */
  private static final class Fields {
    final String location;
    final JsonNode node;

    Fields(String line, String location, Set<String> known) {
      this.location = location;
      try {
        this.node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw new BrandtuneException(
            location + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
      }
      if (node == null || !node.isObject()) {
        throw error("expected one JSON object per line");
      }
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String k = names.next();
        if (!known.contains(k)) {
          throw error(
              "unknown field \""
                  + k
                  + "\"; known fields are "
                  + String.join(", ", known.stream().sorted().toList()));
        }
      }
    }

    BrandtuneException error(String message) {
      return new BrandtuneException(location + ": " + message);
    }

    String text(String key) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        throw error("missing field \"" + key + "\"");
      }
      if (!v.isTextual() || v.asText().isBlank()) {
        throw error("field \"" + key + "\" must be a non-empty string");
      }
      return v.asText();
    }

    List<String> textList(String key) {
      JsonNode v = node.get(key);
      if (v == null || !v.isArray()) {
        throw error("field \"" + key + "\" must be a list of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode item : v) {
        if (!item.isTextual() || item.asText().isBlank()) {
          throw error("field \"" + key + "\" must be a list of non-empty strings");
        }
        out.add(item.asText());
      }
      return out;
    }

    List<ChatMessage> prompt() {
      JsonNode v = node.get("prompt");
      if (v == null || !v.isArray() || v.isEmpty()) {
        throw error("field \"prompt\" must be a non-empty list of {\"role\",\"content\"} messages");
      }
      List<ChatMessage> out = new ArrayList<>();
      for (JsonNode m : v) {
        JsonNode role = m.get("role");
        JsonNode content = m.get("content");
        if (role == null || !role.isTextual() || role.asText().isBlank()) {
          throw error("every prompt message needs a string field \"role\"");
        }
        if (content == null || !content.isTextual()) {
          throw error("every prompt message needs a string field \"content\"");
        }
        out.add(new ChatMessage(role.asText(), content.asText()));
      }
      return out;
    }

    Map<String, Object> meta() {
      JsonNode v = node.get("meta");
      if (v == null || !v.isObject()) {
        throw error("missing object \"meta\" with \"product_id\" and \"content_type\"");
      }
      for (String k : List.of("product_id", "content_type")) {
        JsonNode id = v.get(k);
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
          throw error("\"meta\" needs a string field \"" + k + "\"");
        }
      }
      Map<String, Object> meta = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        meta.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
      }
      return meta;
    }
  }
}

package ai.brandtune.brand.corpus;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.KitProblem;
import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Reads and writes the corpus JSONL files, one record a line, UTF-8, keys in a fixed order:
 *
 * <pre>
 * golden:     {"prompt":[{"role","content"}...],"completion":"...","meta":{"product_id","content_type",...}}
 * preference: {"prompt":[...],"chosen":"...","rejected":"...","rejected_type":"...","fabricated_facts":[...],"meta":{...}}
 * </pre>
 *
 * Drafts may leave {@code prompt} out. Blank lines are skipped. Reading collects a problem per bad
 * line (file:line and what is wrong) instead of stopping.
 */
public final class CorpusFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> GOLDEN_KEYS = Set.of("prompt", "completion", "meta");
  private static final Set<String> PREFERENCE_KEYS =
      Set.of("prompt", "chosen", "rejected", "rejected_type", "fabricated_facts", "meta");

  private CorpusFiles() {}

  public static CorpusRead<GoldenRecord> readGolden(String label, String text) {
    List<Numbered<GoldenRecord>> records = new ArrayList<>();
    List<KitProblem> problems = new ArrayList<>();
    forEachLine(
        label,
        text,
        problems,
        (line, node) -> {
          LineReader r = new LineReader(label, line, node, GOLDEN_KEYS, problems);
          List<ChatMessage> prompt = r.prompt();
          String completion = r.requiredText("completion");
          RecordMeta meta = r.meta();
          if (r.ok && completion != null && meta != null) {
            records.add(new Numbered<>(label, line, new GoldenRecord(prompt, completion, meta)));
          }
        });
    return new CorpusRead<>(records, problems);
  }

  public static CorpusRead<PreferenceRecord> readPreference(String label, String text) {
    List<Numbered<PreferenceRecord>> records = new ArrayList<>();
    List<KitProblem> problems = new ArrayList<>();
    forEachLine(
        label,
        text,
        problems,
        (line, node) -> {
          LineReader r = new LineReader(label, line, node, PREFERENCE_KEYS, problems);
          List<ChatMessage> prompt = r.prompt();
          String chosen = r.requiredText("chosen");
          String rejected = r.requiredText("rejected");
          String type = r.requiredText("rejected_type");
          List<String> facts = r.textList("fabricated_facts");
          RecordMeta meta = r.meta();
          if (r.ok && chosen != null && rejected != null && type != null && meta != null) {
            records.add(
                new Numbered<>(
                    label,
                    line,
                    new PreferenceRecord(prompt, chosen, rejected, type, facts, meta)));
          }
        });
    return new CorpusRead<>(records, problems);
  }

  public static CorpusRead<GoldenRecord> readGolden(Path file) {
    return readGolden(file.toString(), readText(file));
  }

  public static CorpusRead<PreferenceRecord> readPreference(Path file) {
    return readPreference(file.toString(), readText(file));
  }

  /** One golden record as its JSONL line (no newline). */
  public static String goldenLine(GoldenRecord r) {
    ObjectNode n = JSON.createObjectNode();
    n.set("prompt", messages(r.prompt()));
    n.put("completion", r.completion());
    n.set("meta", meta(r.meta()));
    return write(n);
  }

  /** One preference record as its JSONL line (no newline). */
  public static String preferenceLine(PreferenceRecord r) {
    ObjectNode n = JSON.createObjectNode();
    n.set("prompt", messages(r.prompt()));
    n.put("chosen", r.chosen());
    n.put("rejected", r.rejected());
    n.put("rejected_type", r.rejectedType());
    if (!r.fabricatedFacts().isEmpty()) {
      ArrayNode facts = n.putArray("fabricated_facts");
      r.fabricatedFacts().forEach(facts::add);
    }
    n.set("meta", meta(r.meta()));
    return write(n);
  }

  public static void writeGolden(Path file, List<GoldenRecord> records) {
    List<String> lines = new ArrayList<>();
    records.forEach(r -> lines.add(goldenLine(r)));
    writeLines(file, lines);
  }

  public static void writePreference(Path file, List<PreferenceRecord> records) {
    List<String> lines = new ArrayList<>();
    records.forEach(r -> lines.add(preferenceLine(r)));
    writeLines(file, lines);
  }

  /** Writes through a temporary file and a rename, so a failed write leaves the old file. */
  static void writeLines(Path file, List<String> lines) {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      // not Files.createTempFile: its owner-only permissions would stick to the renamed file
      Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try {
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new BrandtuneException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BrandtuneException(file + ": cannot read: " + e.getMessage(), e);
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

  private static ObjectNode meta(RecordMeta m) {
    ObjectNode o = JSON.createObjectNode();
    o.put("product_id", m.productId());
    o.put("content_type", m.contentType());
    for (Map.Entry<String, Object> e : m.extra().entrySet()) {
      o.set(e.getKey(), JSON.valueToTree(e.getValue()));
    }
    return o;
  }

  private static String write(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface LineHandler {
    void handle(int line, JsonNode node);
  }

  private static void forEachLine(
      String label, String text, List<KitProblem> problems, LineHandler handler) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        problems.add(new KitProblem(label, i + 1, 0, "not valid JSON: " + e.getOriginalMessage()));
        continue;
      }
      if (node == null || !node.isObject()) {
        problems.add(new KitProblem(label, i + 1, 0, "expected one JSON object per line"));
        continue;
      }
      handler.handle(i + 1, node);
    }
  }

  /** Reads the fields of one line's object, recording problems with file:line. */
  private static final class LineReader {
    final String label;
    final int line;
    final JsonNode node;
    final List<KitProblem> problems;
    boolean ok = true;

    LineReader(
        String label, int line, JsonNode node, Set<String> known, List<KitProblem> problems) {
      this.label = label;
      this.line = line;
      this.node = node;
      this.problems = problems;
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String k = names.next();
        if (!known.contains(k)) {
          problem(
              "unknown field \""
                  + k
                  + "\"; known fields are "
                  + String.join(", ", known.stream().sorted().toList()));
        }
      }
    }

    void problem(String message) {
      ok = false;
      problems.add(new KitProblem(label, line, 0, message));
    }

    String requiredText(String key) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        problem("missing field \"" + key + "\"");
        return null;
      }
      if (!v.isTextual() || v.asText().isBlank()) {
        problem("field \"" + key + "\" must be a non-empty string");
        return null;
      }
      return v.asText();
    }

    List<String> textList(String key) {
      JsonNode v = node.get(key);
      List<String> out = new ArrayList<>();
      if (v == null || v.isNull()) {
        return out;
      }
      if (!v.isArray()) {
        problem("field \"" + key + "\" must be a list of strings");
        return out;
      }
      for (JsonNode item : v) {
        if (!item.isTextual() || item.asText().isBlank()) {
          problem("field \"" + key + "\" must be a list of non-empty strings");
          return out;
        }
        out.add(item.asText());
      }
      return out;
    }

    List<ChatMessage> prompt() {
      JsonNode v = node.get("prompt");
      List<ChatMessage> out = new ArrayList<>();
      if (v == null || v.isNull()) {
        return out;
      }
      if (!v.isArray()) {
        problem("field \"prompt\" must be a list of {\"role\",\"content\"} messages");
        return out;
      }
      for (JsonNode m : v) {
        JsonNode role = m.get("role");
        JsonNode content = m.get("content");
        if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
          problem("every prompt message needs string fields \"role\" and \"content\"");
          return out;
        }
        out.add(new ChatMessage(role.asText(), content.asText()));
      }
      return out;
    }

    RecordMeta meta() {
      JsonNode v = node.get("meta");
      if (v == null || !v.isObject()) {
        problem("missing object \"meta\" with \"product_id\" and \"content_type\"");
        return null;
      }
      JsonNode product = v.get("product_id");
      JsonNode type = v.get("content_type");
      if (product == null || !product.isTextual() || type == null || !type.isTextual()) {
        problem("\"meta\" needs string fields \"product_id\" and \"content_type\"");
        return null;
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        if (!e.getKey().equals("product_id") && !e.getKey().equals("content_type")) {
          extra.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
        }
      }
      return new RecordMeta(product.asText(), type.asText(), extra);
    }
  }
}

package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The items a stage has finished so far, appended one JSON line each as they finish, so a killed
 * run resumes where it stopped: {@code .<output>.partial} next to the output. The first line holds
 * a fingerprint of the stage's inputs and settings; a partial file with another fingerprint (the
 * input or the prompt changed) is discarded instead of mixed in. A last line cut short by the kill
 * is dropped. The stage deletes the file once its output is written.
 *
 * <pre>
 * {"partial":"generated.jsonl","fingerprint":"..."}
 * {"key":"P001/paid_ad_pas#0","outcome":"kept","record":{...}}
 * </pre>
 */
final class PartialFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PartialFile.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One finished item: its key, its outcome ({@code kept}, {@code excluded}, ...) and record. */
  record Item(String key, String outcome, JsonNode record) {}

  private final Path file;
  private final Map<String, Item> done;
  private BufferedWriter out;

  private PartialFile(Path file, Map<String, Item> done, BufferedWriter out) {
    this.file = file;
    this.done = done;
    this.out = out;
  }

  /** A partial record kept in memory only: offline stages are fast and need no resume. */
  static PartialFile inMemory() {
    return new PartialFile(null, new LinkedHashMap<>(), null);
  }

  /** The partial file for {@code output}: {@code .<name>.partial} in the same directory. */
  static Path pathFor(Path output) {
    return output.resolveSibling("." + output.getFileName() + ".partial");
  }

  /**
   * Opens the partial file of {@code output}, keeping the items of an earlier run with the same
   * fingerprint.
   */
  static PartialFile open(Path output, String fingerprint) {
    Path file = pathFor(output);
    Map<String, Item> done = new LinkedHashMap<>();
    List<String> keep = new ArrayList<>();
    String header = header(output, fingerprint);
    keep.add(header);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (Files.isRegularFile(file)) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (!lines.isEmpty() && lines.get(0).equals(header)) {
          for (String line : lines.subList(1, lines.size())) {
            Item item = parse(line);
            if (item != null && !done.containsKey(item.key())) {
              done.put(item.key(), item);
              keep.add(line);
            }
          }
          LOG.info("{}: resuming with {} finished item(s) from {}", output, done.size(), file);
        } else {
          LOG.warn("{}: {} is from other inputs or settings; starting over", output, file);
        }
      }
      // rewritten without a torn last line, then appended to
      SynthFiles.writeLines(file, keep);
      BufferedWriter w =
          Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      return new PartialFile(file, done, w);
    } catch (IOException e) {
      throw new BrandtuneException(file + ": cannot open: " + e.getMessage(), e);
    }
  }

  private static String header(Path output, String fingerprint) {
    ObjectNode h = JSON.createObjectNode();
    h.put("partial", output.getFileName().toString());
    h.put("fingerprint", fingerprint);
    return h.toString();
  }

  private static Item parse(String line) {
    try {
      JsonNode n = JSON.readTree(line);
      if (n == null || !n.hasNonNull("key") || !n.hasNonNull("outcome")) {
        return null;
      }
      return new Item(n.get("key").asText(), n.get("outcome").asText(), n.get("record"));
    } catch (JsonProcessingException e) {
      return null; // the line the kill cut short
    }
  }

  /** Items finished by earlier runs, by key. */
  Map<String, Item> done() {
    return done;
  }

  boolean isDone(String key) {
    return done.containsKey(key);
  }

  /** Appends and flushes one finished item. */
  synchronized void append(String key, String outcome, JsonNode record) {
    if (out == null) {
      done.put(key, new Item(key, outcome, record));
      return;
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("key", key);
    n.put("outcome", outcome);
    n.set("record", record);
    try {
      out.write(n.toString());
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new BrandtuneException(file + ": cannot append: " + e.getMessage(), e);
    }
    done.put(key, new Item(key, outcome, record));
  }

  /** Deletes the partial file of {@code output}: the stage's output now holds every item. */
  static void delete(Path output) {
    Path file = pathFor(output);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new BrandtuneException(file + ": cannot delete: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        LOG.warn("{}: {}", file, e.getMessage());
      }
      out = null;
    }
  }

  static JsonNode tree(String jsonLine) {
    try {
      return JSON.readTree(jsonLine);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

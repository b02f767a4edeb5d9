package ai.brandtune.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers on disk, one JSON file per request, named by the SHA-256 of the request's canonical JSON
 * (model, messages, sampling parameters, JSON mode, logprobs and the path of base_url), so a rerun
 * or a resumed run finds every answer it already paid for. Each entry is written to a temporary
 * file and moved into place atomically: a crash leaves either the whole entry or none. An entry
 * that cannot be read (a disk error, a hand edit) is a miss and is written again.
 *
 * <p>Layout: {@code <cache_dir>/<first 2 hex digits>/<64 hex digits>.json} holding {@code
 * {"format": 1, "request": {...}, "response": {...}}}. Requests hold no credential, so neither do
 * keys nor files. Only successful answers are stored: failures are tried again next run.
 */
public final class ResponseCache {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);

  /** Changes when what is hashed or stored changes, so old entries stop matching. */
  static final int FORMAT = 1;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          // unset values are left out, so a new optional request field keeps old keys valid
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .build();

  private final Path dir;

  public ResponseCache(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The hex SHA-256 key of a request. */
  static String key(ResolvedRequest request) {
    ObjectNode canonical = JSON.createObjectNode();
    canonical.put("format", FORMAT);
    canonical.set("request", JSON.valueToTree(request));
    try {
      byte[] bytes = JSON.writeValueAsBytes(canonical);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  Optional<ChatResponse> get(String key) {
    Path file = file(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode entry = JSON.readTree(file.toFile());
      if (entry.path("format").asInt() != FORMAT || !entry.has("response")) {
        return Optional.empty();
      }
      return Optional.of(JSON.treeToValue(entry.get("response"), ChatResponse.class));
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("{}: unreadable cache entry, asking the server again ({})", file, e.getMessage());
      return Optional.empty();
    }
  }

  void put(String key, ResolvedRequest request, ChatResponse response) {
    Path file = file(key);
    ObjectNode entry = JSON.createObjectNode();
    entry.put("format", FORMAT);
    entry.set("request", JSON.valueToTree(request));
    entry.set("response", JSON.valueToTree(response));
    Path tmp = null;
    try {
      Files.createDirectories(file.getParent());
      tmp = Files.createTempFile(file.getParent(), key.substring(0, 8), ".tmp");
      Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(entry));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // a cache that cannot be written costs money on the next run, not this run's answer
      LOG.warn("{}: cannot write cache entry ({})", file, e.getMessage());
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // already reported
        }
      }
    }
  }

  /** How many answers are stored. */
  public long size() {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir, 2)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(String key) {
    return dir.resolve(key.substring(0, 2)).resolve(key + ".json");
  }
}

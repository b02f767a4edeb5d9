package ai.brandtune.pipeline;

import ai.brandtune.BrandtuneException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Fingerprints of files for manifests: the SHA-256 of a file's bytes, except for files above {@link
 * #HASH_LIMIT} (the shards of a multi-gigabyte base model), which are named by size and
 * modification time so a skip check never reads gigabytes.
 */
final class Fingerprints {
  static final long HASH_LIMIT = 256L << 20;

  private Fingerprints() {}

  /**
   * Every regular file under {@code path} (or {@code path} itself), keyed by its path relative to
   * {@code base}, in sorted order; an absent path has no entries.
   */
  static Map<String, String> of(Path base, Path path) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(path)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (Files.isRegularFile(f)) {
          out.put(base.relativize(f).toString().replace('\\', '/'), file(f));
        }
      }
    } catch (IOException e) {
      throw new BrandtuneException("cannot read " + path + ": " + e.getMessage(), e);
    }
    return out;
  }

  static String file(Path f) throws IOException {
    long size = Files.size(f);
    if (size > HASH_LIMIT) {
      return "size:" + size + ",mtime:" + Files.getLastModifiedTime(f).toMillis();
    }
    MessageDigest sha = sha256();
    try (InputStream in = Files.newInputStream(f)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** One hash for a map of fingerprints (or any strings), order-independent. */
  static String combine(Map<String, String> entries) {
    MessageDigest sha = sha256();
    new TreeMap<>(entries)
        .forEach(
            (k, v) -> {
              sha.update(k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
              sha.update((byte) 0);
              sha.update(v.getBytes(java.nio.charset.StandardCharsets.UTF_8));
              sha.update((byte) '\n');
            });
    return HexFormat.of().formatHex(sha.digest());
  }

  static String text(String s) {
    return HexFormat.of()
        .formatHex(sha256().digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

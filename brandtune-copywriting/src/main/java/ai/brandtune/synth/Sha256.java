package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 hex digests of files and texts, for the build manifest. */
final class Sha256 {
  private final MessageDigest digest;

  Sha256() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Adds a text, length-prefixed so that ("ab", "c") and ("a", "bc") differ. */
  Sha256 add(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) ':');
    digest.update(bytes);
    return this;
  }

  String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  static String ofText(String text) {
    return new Sha256().add(text).hex();
  }

  static String ofFile(Path file) {
    Sha256 h = new Sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        h.digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new BrandtuneException(file + ": cannot read: " + e.getMessage(), e);
    }
    return h.hex();
  }
}

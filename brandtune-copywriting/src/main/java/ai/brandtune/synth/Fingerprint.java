package ai.brandtune.synth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over a stage's inputs and settings, to tell whether a partial file still applies. */
final class Fingerprint {
  private Fingerprint() {}

  static String of(Object... parts) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (Object p : parts) {
        byte[] b = String.valueOf(p).getBytes(StandardCharsets.UTF_8);
        d.update(Integer.toString(b.length).getBytes(StandardCharsets.UTF_8));
        d.update((byte) ':');
        d.update(b);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package ai.brandtune.io;

import java.util.Comparator;

/**
 * Writes JSON strings exactly as the reference tools do, so the files we write match theirs byte
 * for byte: {@link #rust} like serde_json (safetensors headers) and {@link #python} like Python's
 * {@code json.dumps} with its default {@code ensure_ascii=True} (Hugging Face index files).
 */
final class JsonText {

  /**
   * Key order of both references: Rust compares UTF-8 bytes and Python compares code points, which
   * agree with each other but not with Java's UTF-16 {@code compareTo}.
   */
  static final Comparator<String> CODE_POINT_ORDER = JsonText::compareCodePoints;

  private JsonText() {}

  /** A quoted JSON string as serde_json writes it: UTF-8 kept, control characters escaped. */
  static String rust(String s) {
    return quote(s, false);
  }

  /** A quoted JSON string as Python's json writes it: everything past ASCII as {@code \\uXXXX}. */
  static String python(String s) {
    return quote(s, true);
  }

  private static String quote(String s, boolean asciiOnly) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || (asciiOnly && c > 0x7e)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}

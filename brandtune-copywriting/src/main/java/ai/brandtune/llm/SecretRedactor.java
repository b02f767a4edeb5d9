package ai.brandtune.llm;

/**
 * Replaces the API key wherever it appears in text that leaves the client (messages, logs). Servers
 * sometimes quote the credential they rejected; this is the last line of defence, the first being
 * that nothing but the HTTP header ever receives the key.
 */
final class SecretRedactor {
  static final String MASK = "[REDACTED]";
  private final String secret;

  SecretRedactor(String secret) {
    // a short "key" (a placeholder for keyless servers) would mask ordinary words
    this.secret = secret != null && secret.length() >= 8 ? secret : null;
  }

  String redact(String text) {
    if (text == null || secret == null) {
      return text;
    }
    return text.replace(secret, MASK);
  }

  @Override
  public String toString() {
    return "SecretRedactor";
  }
}

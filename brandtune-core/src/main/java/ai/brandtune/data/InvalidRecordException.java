package ai.brandtune.data;

/**
 * Thrown by record parsers for a record they cannot use; the reader adds {@code file:line} and
 * applies the {@link BadRecordPolicy}. Never escapes this package.
 */
final class InvalidRecordException extends RuntimeException {
  private final BadRecordReason reason;

  InvalidRecordException(BadRecordReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  BadRecordReason reason() {
    return reason;
  }
}

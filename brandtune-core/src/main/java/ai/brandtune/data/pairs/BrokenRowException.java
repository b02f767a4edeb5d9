package ai.brandtune.data.pairs;

import ai.brandtune.data.BadRecordReason;

/** A row that does not fit the dataset's layout; the reader reports it with the row's location. */
final class BrokenRowException extends RuntimeException {
  private final BadRecordReason reason;

  BrokenRowException(BadRecordReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  BadRecordReason reason() {
    return reason;
  }
}

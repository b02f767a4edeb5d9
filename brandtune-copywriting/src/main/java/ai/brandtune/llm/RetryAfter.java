package ai.brandtune.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long a server asked us to wait: {@code Retry-After} as delay-seconds or as an HTTP date
 * (RFC 9110 section 10.2.3), or OpenAI's {@code Retry-After-Ms}, which takes precedence because it
 * is finer. An unreadable value counts as absent, so the usual backoff applies.
 */
final class RetryAfter {
  private RetryAfter() {}

  static Optional<Duration> parse(String retryAfter, String retryAfterMs, Clock clock) {
    Optional<Duration> ms = number(retryAfterMs).map(v -> nanos(v * 1e6));
    if (ms.isPresent()) {
      return ms;
    }
    if (retryAfter == null || retryAfter.isBlank()) {
      return Optional.empty();
    }
    Optional<Duration> seconds = number(retryAfter).map(v -> nanos(v * 1e9));
    if (seconds.isPresent()) {
      return seconds;
    }
    try {
      ZonedDateTime at =
          ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Double> number(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      double v = Double.parseDouble(text.trim());
      return Double.isFinite(v) ? Optional.of(Math.max(0, v)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Duration nanos(double n) {
    return Duration.ofNanos((long) Math.min(n, Long.MAX_VALUE / 2.0));
  }
}

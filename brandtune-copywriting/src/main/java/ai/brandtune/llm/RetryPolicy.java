package ai.brandtune.llm;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to retry an attempt and how long to wait first. Rate limits (429), request or lock timeouts
 * (408, 409), server errors (5xx), connection failures, timeouts and unusable answers are retried;
 * other statuses mean the request itself is wrong and are not. The wait is what the server asked
 * for in {@code Retry-After} (capped at {@code max_retry_after}, plus up to 10% jitter so that
 * threads told the same instant do not return together), else exponential backoff: {@code
 * min(backoff_max, backoff_base * 2^(n-1))} scaled by a random factor in [0.5, 1] after the n-th
 * failed attempt.
 */
final class RetryPolicy {
  private final int maxAttempts;
  private final Duration base;
  private final Duration max;
  private final Duration maxRetryAfter;
  private final Clock clock;
  private final DoubleSupplier random;

  RetryPolicy(
      int maxAttempts,
      Duration base,
      Duration max,
      Duration maxRetryAfter,
      Clock clock,
      DoubleSupplier random) {
    this.maxAttempts = maxAttempts;
    this.base = base;
    this.max = max;
    this.maxRetryAfter = maxRetryAfter;
    this.clock = clock;
    this.random = random;
  }

  static RetryPolicy of(LlmConfig config) {
    return new RetryPolicy(
        config.maxAttempts(),
        LlmConfig.seconds(config.backoffBase()),
        LlmConfig.seconds(config.backoffMax()),
        LlmConfig.seconds(config.maxRetryAfter()),
        Clock.systemUTC(),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  int maxAttempts() {
    return maxAttempts;
  }

  /** Whether an HTTP status is worth another attempt. */
  static boolean retryableStatus(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /** Whether to try again after {@code attempt} (1-based) failed with {@code e}. */
  boolean shouldRetry(int attempt, TransportException e) {
    return attempt < maxAttempts
        && switch (e.kind()) {
          case HTTP_STATUS, TIMEOUT, CONNECTION, INVALID_RESPONSE -> true;
          case REJECTED, INTERRUPTED -> false;
        };
  }

  /** How long to wait after the {@code attempt}-th (1-based) attempt failed with {@code e}. */
  Duration delay(int attempt, TransportException e) {
    Optional<Duration> asked = RetryAfter.parse(e.retryAfter(), e.retryAfterMs(), clock);
    if (asked.isPresent()) {
      Duration wait = min(asked.get(), maxRetryAfter);
      return scale(wait, 1.0 + 0.1 * random.getAsDouble());
    }
    double exponential = base.toNanos() * Math.pow(2, Math.min(attempt - 1, 62));
    double capped = Math.min(exponential, max.toNanos());
    return Duration.ofNanos((long) (capped * (0.5 + 0.5 * random.getAsDouble())));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration scale(Duration d, double factor) {
    return Duration.ofNanos((long) (d.toNanos() * factor));
  }
}

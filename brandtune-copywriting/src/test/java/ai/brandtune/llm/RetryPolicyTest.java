package ai.brandtune.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  static final Clock NEW_YEAR = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  static RetryPolicy policy(double random) {
    return new RetryPolicy(
        5,
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        Duration.ofSeconds(120),
        NEW_YEAR,
        () -> random);
  }

  static TransportException status(int status, String retryAfter, String retryAfterMs) {
    return new TransportException(
        RetryPolicy.retryableStatus(status)
            ? LlmFailure.Kind.HTTP_STATUS
            : LlmFailure.Kind.REJECTED,
        status,
        retryAfter,
        retryAfterMs,
        "HTTP " + status);
  }

  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  @Test
  void backoffDoublesFromTheBaseUpToTheCapWithJitterBetweenHalfAndFull() {
    TransportException e = status(503, null, null);
    // attempt n waits min(10, 1 * 2^(n-1)) * (0.5 + 0.5 * random)
    double[] full = {1, 2, 4, 8, 10, 10};
    for (int attempt = 1; attempt <= full.length; attempt++) {
      assertThat(seconds(policy(0.0).delay(attempt, e))).isEqualTo(full[attempt - 1] * 0.5);
      assertThat(seconds(policy(0.5).delay(attempt, e))).isEqualTo(full[attempt - 1] * 0.75);
    }
  }

  @Test
  void retryAfterInSecondsIsHonouredWithUpToTenPercentExtra() {
    TransportException e = status(429, "2", null);
    assertThat(seconds(policy(0.0).delay(1, e))).isEqualTo(2.0);
    assertThat(seconds(policy(0.5).delay(4, e))).isEqualTo(2.1);
  }

  @Test
  void retryAfterAsAnHttpDateWaitsUntilThatInstant() {
    TransportException e = status(503, "Thu, 01 Jan 2026 00:00:30 GMT", null);
    assertThat(seconds(policy(0.0).delay(1, e))).isEqualTo(30.0);
    TransportException past = status(503, "Wed, 31 Dec 2025 23:59:00 GMT", null);
    assertThat(seconds(policy(0.0).delay(1, past))).isZero();
  }

  @Test
  void retryAfterMsTakesPrecedenceAndLongWaitsAreCapped() {
    assertThat(seconds(policy(0.0).delay(1, status(429, "10", "1500")))).isEqualTo(1.5);
    assertThat(seconds(policy(0.0).delay(1, status(429, "3600", null)))).isEqualTo(120.0);
  }

  @Test
  void anUnreadableRetryAfterFallsBackToBackoff() {
    assertThat(seconds(policy(0.0).delay(2, status(429, "soon", null)))).isEqualTo(1.0);
  }

  @Test
  void retriesTransientFailuresUntilTheLastAttemptOnly() {
    RetryPolicy p = policy(0.0);
    assertThat(p.shouldRetry(1, status(429, null, null))).isTrue();
    assertThat(p.shouldRetry(4, status(500, null, null))).isTrue();
    assertThat(p.shouldRetry(5, status(500, null, null))).isFalse();
    assertThat(p.shouldRetry(1, new TransportException(LlmFailure.Kind.TIMEOUT, "t"))).isTrue();
    assertThat(p.shouldRetry(1, new TransportException(LlmFailure.Kind.CONNECTION, "c"))).isTrue();
    assertThat(p.shouldRetry(1, status(401, null, null))).isFalse();
    assertThat(p.shouldRetry(1, new TransportException(LlmFailure.Kind.INTERRUPTED, "i")))
        .isFalse();
  }

  @Test
  void retryableStatusesAreRateLimitsTimeoutsConflictsAndServerErrors() {
    for (int s : new int[] {408, 409, 429, 500, 502, 503, 504, 529}) {
      assertThat(RetryPolicy.retryableStatus(s)).as("status %d", s).isTrue();
    }
    for (int s : new int[] {400, 401, 403, 404, 413, 422}) {
      assertThat(RetryPolicy.retryableStatus(s)).as("status %d", s).isFalse();
    }
  }
}

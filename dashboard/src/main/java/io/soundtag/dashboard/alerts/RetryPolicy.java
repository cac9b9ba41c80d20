package io.soundtag.dashboard.alerts;

import java.time.Duration;

/**
 * How often and how patiently a sink is retried: {@code attempts} in all, waiting
 * {@code firstBackoff}, then twice as long each time, at most {@code maxBackoff}.
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff) {

  public RetryPolicy {
    if (attempts < 1 || attempts > 100) {
      throw new IllegalArgumentException("attempts must be 1..100, got " + attempts);
    }
    if (firstBackoff == null || firstBackoff.isNegative() || maxBackoff == null || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException("back-off must be zero or more, and the maximum at least the first");
    }
  }

  /** Five attempts, 0.5 s then doubling up to 30 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  /** The wait before attempt {@code n} (1-based; none before the first). */
  public Duration backoffBefore(int n) {
    if (n <= 1) {
      return Duration.ZERO;
    }
    long ms = firstBackoff.toMillis() << Math.min(n - 2, 30);
    return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
  }
}

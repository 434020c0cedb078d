package dev.flotilla.cli.sim;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a simulated agent calls next (pure, given its random source): the first check-in of each
 * cluster is spread uniformly over one interval, later ones come every interval ±10% (jitter, like
 * the agent's), at once after a long-poll, after Retry-After on 429/503, and with exponential
 * backoff (to one interval) after errors.
 */
public record CheckInSchedule(Duration interval, boolean longPoll) {
  static final double JITTER = 0.1;
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);

  public CheckInSchedule {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("--check-in must be positive, got " + interval);
    }
  }

  public Duration first(RandomGenerator random) {
    return Duration.ofNanos((long) (random.nextDouble() * interval.toNanos()));
  }

  public Duration afterSuccess(RandomGenerator random) {
    if (longPoll) {
      return Duration.ZERO;
    }
    return jittered(interval, random);
  }

  public Duration afterRetryAfter(Duration retryAfter, RandomGenerator random) {
    return jittered(
        retryAfter.isNegative() || retryAfter.isZero() ? FIRST_BACKOFF : retryAfter, random);
  }

  /** After the {@code failures}-th error in a row (1 for the first). */
  public Duration afterError(int failures, RandomGenerator random) {
    long nanos = FIRST_BACKOFF.toNanos() << Math.min(Math.max(0, failures - 1), 20);
    return jittered(Duration.ofNanos(Math.min(nanos, interval.toNanos())), random);
  }

  private static Duration jittered(Duration d, RandomGenerator random) {
    double f = 1 + (random.nextDouble() * 2 - 1) * JITTER;
    return Duration.ofNanos((long) (d.toNanos() * f));
  }
}

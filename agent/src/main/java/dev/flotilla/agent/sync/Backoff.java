package dev.flotilla.agent.sync;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (a uniformly random delay up to {@code base * 2^n}, capped):
 * a fleet that lost its hub together does not come back together.
 */
public record Backoff(Duration base, Duration cap, RandomGenerator random) {
  public Backoff {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= cap, got " + base + ", " + cap);
    }
  }

  public static Backoff standard(RandomGenerator random) {
    return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), random);
  }

  /** The delay before retry number {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << shift);
    if (ceiling <= 0) {
      ceiling = cap.toMillis();
    }
    return Duration.ofMillis(1 + (long) (random.nextDouble() * ceiling));
  }
}

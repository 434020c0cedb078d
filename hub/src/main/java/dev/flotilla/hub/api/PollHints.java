package dev.flotilla.hub.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When agents should come back: the configured interval with ±10% jitter, so a fleet that started
 * together does not keep polling in lockstep.
 */
public record PollHints(Duration interval) {
  public PollHints {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive: " + interval);
    }
  }

  public long nextPollSeconds() {
    double seconds = interval.toMillis() / 1000.0;
    double jittered = seconds * (0.9 + 0.2 * ThreadLocalRandom.current().nextDouble());
    return Math.max(1, Math.round(jittered));
  }
}

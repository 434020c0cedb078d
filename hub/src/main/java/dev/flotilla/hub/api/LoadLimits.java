package dev.flotilla.hub.api;

import java.time.Duration;

/**
 * How much agent traffic the hub takes at once before it sheds with {@code 429} and {@code
 * Retry-After}.
 *
 * @param maxInFlight agent requests being handled at once (registration, polls that are answered at
 *     once, blobs, status, renewal); held long-polls do not count
 * @param maxLongPolls long-polls held at once
 * @param retryAfter the base of the {@code Retry-After} answer; each answer adds up to as much
 *     again at random, so shed agents do not come back together
 */
public record LoadLimits(int maxInFlight, int maxLongPolls, Duration retryAfter) {
  public static final LoadLimits DEFAULT = new LoadLimits(256, 20_000, Duration.ofSeconds(5));

  public LoadLimits {
    if (maxInFlight < 1 || maxLongPolls < 0) {
      throw new IllegalArgumentException(
          "load limits must be positive: max in flight "
              + maxInFlight
              + ", max long-polls "
              + maxLongPolls);
    }
    if (retryAfter == null || retryAfter.toSeconds() < 1) {
      throw new IllegalArgumentException("retry-after must be at least 1s, got " + retryAfter);
    }
  }
}

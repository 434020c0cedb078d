package dev.flotilla.cli.sim;

import java.time.Duration;

/** How one check-in ended; the scheduler decides the next from it. */
sealed interface Outcome {
  /** The cluster holds the current document ({@code changed}: it got a new one). */
  record Synced(boolean changed) implements Outcome {}

  /** 429 or 503: come back after {@code retryAfter}. */
  record Throttled(Duration retryAfter) implements Outcome {}

  /** The link was down (flapping): no connection was attempted. */
  record LinkDown() implements Outcome {}

  /** Connect, TLS, HTTP or protocol failure of kind {@code kind}. */
  record Failed(String kind, String message) implements Outcome {}
}

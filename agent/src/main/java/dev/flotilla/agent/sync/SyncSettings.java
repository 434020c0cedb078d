package dev.flotilla.agent.sync;

import java.time.Duration;

/**
 * The agent's timings, in one place.
 *
 * @param longPoll how long a desired-state poll may wait at the hub (zero: plain polls)
 * @param driftInterval how often objects are checked for drift, online or offline
 * @param healthInterval how often progressing bundles are rechecked
 * @param retryInterval how soon a failed apply is retried
 * @param factsInterval how often facts are re-read from the cluster
 * @param maxBackoff the longest wait between attempts to reach the hub
 */
public record SyncSettings(
    Duration longPoll,
    Duration driftInterval,
    Duration healthInterval,
    Duration retryInterval,
    Duration factsInterval,
    Duration maxBackoff) {
  public static final SyncSettings DEFAULT =
      new SyncSettings(
          Duration.ofSeconds(30),
          Duration.ofMinutes(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(10),
          Duration.ofMinutes(5));

  public SyncSettings {
    if (longPoll.isNegative() || longPoll.toSeconds() > 300) {
      throw new IllegalArgumentException("--long-poll must be 0-300s, got " + longPoll);
    }
    for (Duration d :
        new Duration[] {driftInterval, healthInterval, retryInterval, factsInterval, maxBackoff}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("agent intervals must be positive, got " + d);
      }
    }
  }

  public SyncSettings withLongPoll(Duration d) {
    return new SyncSettings(
        d, driftInterval, healthInterval, retryInterval, factsInterval, maxBackoff);
  }

  public SyncSettings withDriftInterval(Duration d) {
    return new SyncSettings(longPoll, d, healthInterval, retryInterval, factsInterval, maxBackoff);
  }

  public SyncSettings withHealthInterval(Duration d) {
    return new SyncSettings(longPoll, driftInterval, d, retryInterval, factsInterval, maxBackoff);
  }

  public SyncSettings withMaxBackoff(Duration d) {
    return new SyncSettings(
        longPoll, driftInterval, healthInterval, retryInterval, factsInterval, d);
  }
}

package dev.flotilla.agent.sync;

import dev.flotilla.agent.hub.HubException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the loop may talk to the hub next, and whether it answered last time: the due times of the
 * pull and the report, moved by the hub's answers ({@code Retry-After}) and by failures (backoff
 * with full jitter, {@link PollSchedule}). Logs a failure when the hub stops answering and then at
 * attempts 1, 2, 4, 8 …, so an agent offline for a week writes a few lines, not thousands.
 */
final class HubContact {
  private static final Logger LOG = LoggerFactory.getLogger(HubContact.class);

  private final String name;
  private final Backoff backoff;
  private final Clock clock;
  private Instant nextPull;
  private Instant nextReport;
  private int failures;
  private boolean reachable;

  HubContact(String name, Backoff backoff, Clock clock) {
    this.name = name;
    this.backoff = backoff;
    this.clock = clock;
    this.nextPull = clock.instant();
    this.nextReport = clock.instant();
  }

  Instant nextPull() {
    return nextPull;
  }

  Instant nextReport() {
    return nextReport;
  }

  void pullAt(Instant at) {
    nextPull = at;
  }

  void pullBy(Instant at) {
    nextPull = at.isBefore(nextPull) ? at : nextPull;
  }

  void reportAt(Instant at) {
    nextReport = at;
  }

  void reportBy(Instant at) {
    nextReport = at.isBefore(nextReport) ? at : nextReport;
  }

  boolean reachable() {
    return reachable;
  }

  /** The hub answered. */
  void answered() {
    if (!reachable && failures > 0) {
      LOG.info("{}: hub reachable again after {} failed attempt(s)", name, failures);
    }
    reachable = true;
    failures = 0;
  }

  /** The hub is busy: neither pull nor report before its {@code Retry-After}. */
  void throttled(HubException.Throttled t) {
    reachable = true;
    Instant after = PollSchedule.afterThrottle(clock.instant(), t.retryAfter());
    nextPull = nextPull.isAfter(after) ? nextPull : after;
    nextReport = nextReport.isAfter(after) ? nextReport : after;
    LOG.info("{}: {}", name, t.getMessage());
  }

  /** No answer, a refusal or a rejected document: pull and report again after a backoff. */
  void failed(String why) {
    failures++;
    Instant retry = PollSchedule.afterFailure(clock.instant(), backoff, failures);
    if (reachable || Integer.bitCount(failures) == 1) {
      LOG.warn(
          "{}: {}; retrying in {}s (attempt {}), the cluster keeps its applied state",
          name,
          why,
          Math.max(1, Duration.between(clock.instant(), retry).toSeconds()),
          failures);
    }
    reachable = false;
    nextPull = retry;
    nextReport = retry;
  }

  /** The pull failed on this side (the local store): try it again after a backoff. */
  void pullFailedLocally() {
    nextPull = PollSchedule.afterFailure(clock.instant(), backoff, ++failures);
  }
}

package dev.flotilla.agent.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * When to ask the hub for the desired document again (pure: no clock, no I/O).
 *
 * <ul>
 *   <li>Plain polls ({@code --long-poll 0s}): after the hub's {@code Flotilla-Next-Poll} hint.
 *   <li>Long-polls: at once after a new document, and at once after a 304 the hub held for the wait
 *       asked (it answers as soon as the document changes); a 304 that came back early (a proxy
 *       that does not hold requests, a hub that was asked not to wait) falls back to the hint, so
 *       nothing spins.
 *   <li>{@code 429}/{@code 503}: after the hub's {@code Retry-After}.
 *   <li>No answer: exponential backoff with full jitter ({@link Backoff}).
 * </ul>
 */
final class PollSchedule {
  private PollSchedule() {}

  /**
   * @param asked when the poll was sent
   * @param answered when the answer came
   * @param longPoll whether the agent long-polls at all
   * @param wait how long the hub was asked to hold this poll (zero: not at all)
   * @param changed whether the hub sent a new document
   * @param hint the hub's {@code Flotilla-Next-Poll}
   */
  static Instant afterAnswer(
      Instant asked,
      Instant answered,
      boolean longPoll,
      Duration wait,
      boolean changed,
      Duration hint) {
    if (!longPoll) {
      return answered.plus(hint);
    }
    if (changed) {
      return answered;
    }
    boolean held =
        !wait.isZero() && Duration.between(asked, answered).compareTo(wait.dividedBy(2)) >= 0;
    return held ? answered : answered.plus(hint);
  }

  static Instant afterThrottle(Instant now, Duration retryAfter) {
    return now.plus(retryAfter);
  }

  static Instant afterFailure(Instant now, Backoff backoff, int failures) {
    return now.plus(backoff.delay(failures));
  }
}

package dev.flotilla.hub.store;

import java.time.Instant;

/**
 * One rollout of a bundle revision as stored: where it stands and why. The newest rollout of a
 * bundle is its current one. Records are saved with optimistic concurrency on {@code version}, so
 * an operator's command and the controller never overwrite each other.
 *
 * @param id assigned by the store; 0 before the first save
 * @param previousRevision the revision the rollout started from and rolls back to; empty for a
 *     bundle's first revision
 * @param stage the index of the stage whose gate the rollout waits on
 * @param acceptedFailures failures an operator accepted (resume, promote); only failures beyond
 *     them count against the threshold
 * @param reason why the rollout is in its phase, in words
 * @param progress the controller's latest counts as JSON (see {@code RolloutProgress}), or empty
 */
public record RolloutRecord(
    long id,
    String bundle,
    String revision,
    String previousRevision,
    Phase phase,
    int stage,
    int acceptedFailures,
    String reason,
    Instant startedAt,
    Instant updatedAt,
    long version,
    String progress) {

  public RolloutRecord {
    previousRevision = previousRevision == null ? "" : previousRevision;
    reason = reason == null ? "" : reason;
    progress = progress == null ? "" : progress;
    if (stage < 0 || acceptedFailures < 0) {
      throw new IllegalArgumentException(
          "rollout of " + bundle + ": stage and accepted failures must not be negative");
    }
  }

  /** Where a rollout stands. */
  public enum Phase {
    /** Moving through its stages. */
    PROGRESSING,
    /** Stopped by an operator or by failures (rollback: manual); clusters keep what they run. */
    PAUSED,
    /** Every stage passed; every cluster gets the revision. */
    COMPLETE,
    /** Every cluster is returning to the previous revision. */
    ROLLING_BACK,
    /** Every reachable cluster runs the previous revision again; final until a newer commit. */
    ROLLED_BACK,
    /** A newer revision of the bundle started its own rollout. */
    SUPERSEDED;

    /** Whether the rollout may still move clusters to its revision. */
    public boolean open() {
      return this == PROGRESSING || this == PAUSED;
    }

    /** Whether nothing will change the rollout any more (a newer revision starts a new one). */
    public boolean finished() {
      return this == COMPLETE || this == ROLLED_BACK || this == SUPERSEDED;
    }
  }

  public RolloutRecord with(Phase phase, int stage, int acceptedFailures, String reason) {
    return new RolloutRecord(
        id,
        bundle,
        revision,
        previousRevision,
        phase,
        stage,
        acceptedFailures,
        reason,
        startedAt,
        updatedAt,
        version,
        progress);
  }

  public RolloutRecord withProgress(String progress, Instant at) {
    return new RolloutRecord(
        id,
        bundle,
        revision,
        previousRevision,
        phase,
        stage,
        acceptedFailures,
        reason,
        startedAt,
        at,
        version,
        progress);
  }
}

package dev.flotilla.hub.rollout;

import dev.flotilla.hub.store.RolloutEventRecord;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.hub.store.RolloutRecord.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What an operator can do to a rollout, and what each does (pure): {@code pause} stops new clusters
 * from moving; {@code resume} continues, accepting the failures so far; {@code promote} passes the
 * current stage's gate now (the last stage's completes the rollout); {@code rollback} sends every
 * cluster back to the previous revision.
 */
public enum RolloutAction {
  PAUSE,
  RESUME,
  PROMOTE,
  ROLLBACK;

  /** The outcome: the rollout's next state and its history entry, or why the action is refused. */
  public sealed interface Outcome {
    /** Applied: save {@code next} with {@code events}. */
    record Applied(RolloutRecord next, List<RolloutEventRecord> events) implements Outcome {}

    /** Refused (a conflict with the rollout's state); nothing changes. */
    record Refused(String reason) implements Outcome {}
  }

  public static RolloutAction parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown rollout action '" + name + "' (pause, resume, promote, rollback)", e);
    }
  }

  /**
   * @param progress the controller's latest counts (failures to accept, the number of stages)
   * @param actor who asks, e.g. {@code admin:abc123}
   * @param note the operator's reason, may be empty
   */
  public Outcome apply(
      RolloutRecord r, RolloutProgress progress, String actor, String note, Instant now) {
    String rev = RolloutPlanner.shortRev(r.revision());
    String by = " by " + actor + (note.isBlank() ? "" : ": " + note.strip());
    String verb = name().toLowerCase(Locale.ROOT);
    if (r.phase() == Phase.SUPERSEDED) {
      return refused(r, verb, "a newer revision is rolling out");
    }
    return switch (this) {
      case PAUSE ->
          r.phase() == Phase.PROGRESSING
              ? applied(
                  r,
                  Phase.PAUSED,
                  r.stage(),
                  r.acceptedFailures(),
                  "Paused",
                  "paused" + by,
                  actor,
                  now)
              : refused(r, verb, "it is " + phase(r));
      case RESUME ->
          r.phase() == Phase.PAUSED
              ? applied(
                  r,
                  Phase.PROGRESSING,
                  r.stage(),
                  progress.failed(),
                  "Resumed",
                  "resumed" + by,
                  actor,
                  now)
              : refused(
                  r,
                  verb,
                  r.phase() == Phase.ROLLED_BACK
                      ? "revision "
                          + rev
                          + " was rolled back; commit a newer revision to roll out again"
                      : "it is " + phase(r));
      case PROMOTE -> {
        if (!r.phase().open()) {
          yield refused(r, verb, "it is " + phase(r));
        }
        int stages = Math.max(1, progress.stages());
        boolean last = r.stage() + 1 >= stages;
        yield applied(
            r,
            last ? Phase.COMPLETE : Phase.PROGRESSING,
            last ? r.stage() : r.stage() + 1,
            progress.failed(),
            "Promoted",
            (last
                    ? "promoted past the last stage: complete"
                    : "promoted to stage " + (r.stage() + 2) + "/" + stages)
                + by,
            actor,
            now);
      }
      case ROLLBACK -> {
        if (r.phase() == Phase.ROLLING_BACK || r.phase() == Phase.ROLLED_BACK) {
          yield refused(r, verb, "it is " + phase(r) + " already");
        }
        if (r.previousRevision().isEmpty()) {
          yield refused(r, verb, "bundle " + r.bundle() + " has no previous revision to return to");
        }
        yield applied(
            r,
            Phase.ROLLING_BACK,
            r.stage(),
            r.acceptedFailures(),
            "RollingBack",
            "rolled back to revision " + RolloutPlanner.shortRev(r.previousRevision()) + by,
            actor,
            now);
      }
    };
  }

  private static String phase(RolloutRecord r) {
    return r.phase().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static Outcome refused(RolloutRecord r, String verb, String why) {
    return new Outcome.Refused(
        "cannot "
            + verb
            + " the rollout of "
            + r.bundle()
            + " at revision "
            + RolloutPlanner.shortRev(r.revision())
            + ": "
            + why);
  }

  private static Outcome applied(
      RolloutRecord r,
      Phase phase,
      int stage,
      int accepted,
      String type,
      String reason,
      String actor,
      Instant now) {
    RolloutRecord next = r.with(phase, stage, accepted, reason).withProgress(r.progress(), now);
    return new Outcome.Applied(
        next, List.of(new RolloutEventRecord(r.id(), r.bundle(), now, type, stage, actor, reason)));
  }
}

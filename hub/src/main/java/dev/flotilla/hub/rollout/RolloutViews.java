package dev.flotilla.hub.rollout;

import dev.flotilla.hub.store.RolloutEventRecord;
import dev.flotilla.hub.store.RolloutRecord;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the rollout admin API (shared by the hub and the CLI). */
public final class RolloutViews {
  private RolloutViews() {}

  /**
   * A rollout and where it stands.
   *
   * @param phase {@code PROGRESSING}, {@code PAUSED}, {@code COMPLETE}, {@code ROLLING_BACK},
   *     {@code ROLLED_BACK} or {@code SUPERSEDED}
   * @param stage the stage it waits on, 0-based ({@code progress.stageNames} names them)
   * @param serving the revision clusters converge to: the rollout's, or after a rollback the
   *     previous one
   */
  public record RolloutView(
      long id,
      String bundle,
      String revision,
      String previousRevision,
      String serving,
      String phase,
      int stage,
      String reason,
      Instant startedAt,
      Instant updatedAt,
      RolloutProgress progress) {
    public static RolloutView of(RolloutRecord r) {
      boolean back =
          r.phase() == RolloutRecord.Phase.ROLLING_BACK
              || r.phase() == RolloutRecord.Phase.ROLLED_BACK;
      return new RolloutView(
          r.id(),
          r.bundle(),
          r.revision(),
          r.previousRevision(),
          back ? r.previousRevision() : r.revision(),
          r.phase().name(),
          r.stage(),
          r.reason(),
          r.startedAt(),
          r.updatedAt(),
          RolloutLedger.progress(r));
    }
  }

  /** One entry of a rollout's history. */
  public record EventView(
      long rollout, Instant at, String type, int stage, String actor, String message) {
    public static EventView of(RolloutEventRecord e) {
      return new EventView(e.rolloutId(), e.at(), e.type(), e.stage(), e.actor(), e.message());
    }
  }

  /** A bundle's rollouts and their events, newest first. */
  public record RolloutHistory(String bundle, List<RolloutView> rollouts, List<EventView> events) {}

  /** The body of {@code pause|resume|promote|rollback}: an optional reason for the history. */
  public record ActionRequest(String reason) {}
}

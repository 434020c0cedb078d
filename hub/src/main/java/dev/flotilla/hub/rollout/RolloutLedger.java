package dev.flotilla.hub.rollout;

import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.protocol.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** Writes a plan's outcome to the store only when something changed. */
final class RolloutLedger {
  private RolloutLedger() {}

  /**
   * Saves the planned state, progress and events of {@code current}; returns what is stored now, or
   * empty when the rollout changed since it was read (nothing saved).
   */
  static Optional<RolloutRecord> save(
      HubStore store, RolloutRecord current, RolloutPlan plan, Instant now) {
    String progress = Json.writeString(plan.progress());
    RolloutRecord next = plan.next();
    boolean same =
        plan.events().isEmpty()
            && next.phase() == current.phase()
            && next.stage() == current.stage()
            && next.reason().equals(current.reason())
            && progress.equals(current.progress());
    if (same) {
      return Optional.of(current);
    }
    return store.rollouts().save(next.withProgress(progress, now), plan.events());
  }

  /** The stored progress of a rollout; empty counts when there is none yet. */
  static RolloutProgress progress(RolloutRecord r) {
    if (r.progress().isEmpty()) {
      return RolloutProgress.NONE;
    }
    try {
      return Json.read(
          r.progress().getBytes(StandardCharsets.UTF_8),
          RolloutProgress.class,
          "progress of rollout " + r.id());
    } catch (RuntimeException e) {
      return RolloutProgress.NONE;
    }
  }
}

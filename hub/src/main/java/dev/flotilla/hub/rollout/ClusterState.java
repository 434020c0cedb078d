package dev.flotilla.hub.rollout;

import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Labels;
import java.time.Instant;

/**
 * A targeted cluster as the rollout planner sees it.
 *
 * @param online seen within the hub's offline-after window; offline clusters are queued, never
 *     failed
 * @param position where it stands with the rollout's revision
 * @param settled the agent reports what the cluster is assigned (whichever revision) applied and
 *     healthy
 * @param since when it took its position (or came back online, if later): the health timeout runs
 *     from here
 * @param message why it failed, when it did
 */
public record ClusterState(
    ClusterId id,
    String name,
    Labels labels,
    boolean online,
    Position position,
    boolean settled,
    Instant since,
    String message) {

  /** Where a cluster stands with the rollout's revision. */
  public enum Position {
    /** Not moved: runs the previous revision, or nothing. */
    WAITING,
    /** Moved to the revision; not reported healthy yet. */
    UPDATING,
    /** Moved, and reports the revision applied and healthy. */
    HEALTHY,
    /** Moved, and reports failure (or the revision cannot be rendered for it). */
    FAILED,
    /** Runs content the revision did not change: nothing to roll out here. */
    UNCHANGED;

    /** Whether the cluster runs the rollout's revision (or content equal to it). */
    public boolean moved() {
      return this != WAITING;
    }
  }
}

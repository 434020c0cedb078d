package dev.flotilla.hub.store;

import dev.flotilla.model.ClusterId;
import java.time.Instant;

/**
 * What the hub decided one targeted cluster should run of one bundle.
 *
 * @param revision the revision served to the cluster (empty when nothing is)
 * @param digest the blob served to the cluster (empty when nothing is)
 * @param message why not the newest revision, for the other states
 */
public record Assignment(
    ClusterId cluster,
    String bundle,
    String revision,
    String digest,
    State state,
    String message,
    Instant updatedAt) {

  /** Whether the desired document carries this bundle. */
  public boolean served() {
    return !digest.isEmpty();
  }

  /** Whether the cluster gets the bundle. */
  public enum State {
    /** In the cluster's desired document. */
    ASSIGNED,
    /** Targeted, but the cluster lacks something the bundle requires. */
    NOT_ADMITTED,
    /**
     * Targeted, but the rollout has not reached this cluster yet: it runs the previous good
     * revision (served), or keeps what it had when there is none.
     */
    WAITING,
    /**
     * Targeted, but rendering or ordering failed for this cluster; it keeps what it had (the
     * revision and digest, when not empty, are still served).
     */
    ERROR,
    /**
     * Targeted, but the newest revision was rolled back: the cluster runs the previous good
     * revision (served; nothing if that revision does not deploy the bundle here).
     */
    ROLLED_BACK
  }
}

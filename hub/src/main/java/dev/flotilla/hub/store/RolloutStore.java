package dev.flotilla.hub.store;

import java.util.List;
import java.util.Optional;

/** Rollouts and their history (see {@code docs/rollouts.md}). */
public interface RolloutStore {
  /**
   * Starts a rollout: marks the bundle's unfinished rollout (if any: progressing, paused or rolling
   * back) {@link RolloutRecord.Phase#SUPERSEDED}, inserts {@code rollout} and the events (those
   * with rollout id 0 belong to the new rollout), in one transaction. Returns the rollout with its
   * id; older rollouts of the bundle past {@code keep} are deleted with their events.
   */
  RolloutRecord start(RolloutRecord rollout, List<RolloutEventRecord> events, int keep);

  /**
   * Saves a rollout's new state and events if its stored version is still {@code next.version()}
   * (nobody changed it since it was read); returns the saved record (version + 1), or empty if it
   * was changed meanwhile and nothing was saved.
   */
  Optional<RolloutRecord> save(RolloutRecord next, List<RolloutEventRecord> events);

  /** The bundle's newest rollout. */
  Optional<RolloutRecord> latest(String bundle);

  /** The newest rollout of every bundle that has one. */
  List<RolloutRecord> latestOfEach();

  /** The bundle's rollouts, newest first. */
  List<RolloutRecord> history(String bundle, int limit);

  /** The bundle's rollout events, newest first. */
  List<RolloutEventRecord> events(String bundle, int limit);

  /** Forgets a removed bundle's rollouts. */
  void removeBundle(String bundle);
}

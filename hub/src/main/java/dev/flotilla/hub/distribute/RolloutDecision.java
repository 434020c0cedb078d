package dev.flotilla.hub.distribute;

/**
 * Which revision of a bundle a cluster should run now, as the rollout decides it: the newest, or
 * the previous good one (see {@link BundleSnapshot#previous}).
 */
public sealed interface RolloutDecision {
  Newest NEWEST = new Newest();

  /** The bundle's newest revision. */
  record Newest() implements RolloutDecision {}

  /**
   * Not yet: the rollout has not reached the cluster. It runs the previous good revision (or keeps
   * what it runs when there is none); content the newest revision leaves unchanged counts as
   * reached.
   */
  record Wait(String reason) implements RolloutDecision {}

  /** The newest revision was rolled back: the cluster runs the previous good revision. */
  record Previous(String reason) implements RolloutDecision {}
}

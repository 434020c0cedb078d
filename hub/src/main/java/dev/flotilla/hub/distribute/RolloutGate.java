package dev.flotilla.hub.distribute;

import dev.flotilla.model.ClusterId;

/**
 * Which revision of a bundle a cluster should run now. Staged rollouts ({@code
 * dev.flotilla.hub.rollout}) implement {@link #decide}; a simple gate only says whether a cluster
 * may move to the newest revision, and a cluster that may not keeps what it runs.
 */
@FunctionalInterface
public interface RolloutGate {
  /** Every cluster moves at once. */
  RolloutGate ALL_AT_ONCE = (bundle, cluster, revision) -> true;

  boolean allows(String bundle, ClusterId cluster, String revision);

  /** The revision {@code cluster} should run of {@code bundle} (called on the fleet loop). */
  default RolloutDecision decide(BundleSnapshot bundle, ClusterId cluster) {
    return allows(bundle.name(), cluster, bundle.revision().id())
        ? RolloutDecision.NEWEST
        : new RolloutDecision.Wait(
            "waiting for the rollout of revision " + bundle.revision().shortId());
  }
}

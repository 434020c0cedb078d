package dev.flotilla.agent.apply;

import java.util.List;
import java.util.Objects;

/**
 * What applying a bundle came to.
 *
 * @param changes every object applied and pruned, in order
 * @param inventory what the bundle now owns: persist it, and pass it to the next run
 * @param health the bundle's health right after the run (objects that failed to apply count as
 *     FAILED); ask {@link BundleApplier#health} again later to follow a rollout
 */
public record BundleResult(ChangeSet changes, Inventory inventory, BundleHealth health) {
  public BundleResult {
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(inventory, "inventory");
    Objects.requireNonNull(health, "health");
  }

  /** The objects that failed, each with its reason. */
  public List<ChangeSetEntry> errors() {
    return changes.failed();
  }
}

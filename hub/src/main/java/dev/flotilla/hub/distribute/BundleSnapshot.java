package dev.flotilla.hub.distribute;

import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.Revision;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A bundle as it should be rendered now: its last good definition, the revision it comes from, and
 * that revision's exported tree; and the previous good revision the same way, when the bundle has
 * one (what a rollout serves clusters it has not reached, and what a rollback returns to). When the
 * tree cannot be had on this hub ({@code unavailable} says why: the source was never fetched here,
 * or the commit is gone), the bundle stays in the plan and every cluster keeps what it runs of it,
 * rather than having it pruned.
 */
public record BundleSnapshot(
    BundleSpec spec,
    Revision revision,
    Path tree,
    String unavailable,
    Optional<BundleSnapshot> previous) {
  public BundleSnapshot {
    unavailable = unavailable == null ? "" : unavailable;
    previous = previous == null ? Optional.empty() : previous;
    if (tree == null && unavailable.isEmpty()) {
      throw new IllegalArgumentException(
          "bundle " + spec.name() + ": a tree or a reason is needed");
    }
  }

  public BundleSnapshot(BundleSpec spec, Revision revision, Path tree) {
    this(spec, revision, tree, "", Optional.empty());
  }

  public BundleSnapshot(
      BundleSpec spec, Revision revision, Path tree, Optional<BundleSnapshot> previous) {
    this(spec, revision, tree, "", previous);
  }

  /** A bundle whose tree cannot be read here; clusters keep what they have of it. */
  public static BundleSnapshot unavailable(BundleSpec spec, Revision revision, String why) {
    return new BundleSnapshot(spec, revision, null, why, Optional.empty());
  }

  public String name() {
    return spec.name();
  }

  public boolean available() {
    return unavailable.isEmpty();
  }
}

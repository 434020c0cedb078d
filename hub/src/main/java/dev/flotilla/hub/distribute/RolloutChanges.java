package dev.flotilla.hub.distribute;

import dev.flotilla.model.ClusterId;
import java.util.HashSet;
import java.util.Set;

/**
 * Which clusters a rollout round's new decisions concern, so only those are planned again: none,
 * some (a stage advanced, new clusters got their first decision), or every cluster (a new revision,
 * a rollback, the first round after a start).
 */
public sealed interface RolloutChanges {
  RolloutChanges NONE = new Some(Set.of());
  RolloutChanges ALL = new All();

  /** Every cluster must be planned again. */
  record All() implements RolloutChanges {}

  /** These clusters must be planned again (none if empty). */
  record Some(Set<ClusterId> clusters) implements RolloutChanges {
    public Some {
      clusters = Set.copyOf(clusters);
    }
  }

  default boolean none() {
    return this instanceof Some s && s.clusters().isEmpty();
  }

  /** Both changes together. */
  default RolloutChanges plus(RolloutChanges other) {
    if (this instanceof All || other instanceof All) {
      return ALL;
    }
    Set<ClusterId> both = new HashSet<>(((Some) this).clusters());
    both.addAll(((Some) other).clusters());
    return new Some(both);
  }
}

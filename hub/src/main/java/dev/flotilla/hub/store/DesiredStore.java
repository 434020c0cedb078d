package dev.flotilla.hub.store;

import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import java.util.List;
import java.util.Optional;

/** Per-cluster desired documents and the assignments they were built from. */
public interface DesiredStore {
  Optional<DesiredRecord> get(ClusterId cluster);

  /**
   * Replaces a cluster's assignments and, if {@code document} is present, its desired document, in
   * one transaction. A document is stored only over an older generation: if the stored one is as
   * new or newer (another hub replica wrote it), nothing is saved and {@link StaleGeneration} is
   * thrown, so generations only ever grow.
   */
  void save(ClusterId cluster, List<Assignment> assignments, Optional<DesiredRecord> document);

  /** A document was not saved because the stored generation is not older than it. */
  final class StaleGeneration extends RuntimeException {
    public StaleGeneration(ClusterId cluster, long generation) {
      super(
          "desired document generation "
              + generation
              + " of cluster "
              + cluster
              + " was not saved: the stored generation is as new or newer (written by another"
              + " hub replica); the cluster will be planned again");
    }
  }

  List<Assignment> assignments(ClusterId cluster);

  List<Assignment> assignmentsOf(String bundle);

  List<Assignment> allAssignments();

  /** Whether the cluster's current assignments reference the blob (blob authorisation). */
  boolean references(ClusterId cluster, Digest digest);
}

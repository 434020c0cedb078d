package dev.flotilla.hub.store;

import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import dev.flotilla.protocol.BundleStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

  /**
   * Saves many clusters in one transaction, each as {@link #save} would, with the hash of what each
   * new document says ({@link Planned#contentHash}). If any document is not newer than the stored
   * one, nothing is saved and {@link StaleGeneration} is thrown (save them one by one).
   */
  void saveAll(List<Save> saves);

  /** One cluster's part of {@link #saveAll}. */
  record Save(
      ClusterId cluster,
      List<Assignment> assignments,
      Optional<DesiredRecord> document,
      String contentHash) {}

  /**
   * What planning needs of every cluster whose id is between {@code from} and {@code to}
   * (inclusive) that has assignments or a document: read in two range queries, without document
   * bodies.
   */
  Map<ClusterId, Planned> plannedBetween(ClusterId from, ClusterId to);

  /**
   * A cluster's stored plan.
   *
   * @param generation of its document; 0 if it has none
   * @param contentHash of its document; empty if it has none or it was stored without one
   */
  record Planned(List<Assignment> assignments, long generation, String contentHash) {}

  List<Assignment> assignments(ClusterId cluster);

  List<Assignment> assignmentsOf(String bundle);

  /**
   * The assignments of the given clusters (one page of the admin API's listings), in cluster and
   * bundle order; clusters without any are absent.
   */
  default List<Assignment> assignmentsOfClusters(Collection<ClusterId> clusters) {
    List<Assignment> out = new ArrayList<>();
    clusters.stream().sorted().distinct().forEach(id -> out.addAll(assignments(id)));
    return out;
  }

  /**
   * The assignments, of every bundle, of the clusters whose id is between {@code from} and {@code
   * to} (inclusive): the rollout controller reads a large fleet's assignments a page at a time.
   */
  List<Assignment> assignmentsBetween(ClusterId from, ClusterId to);

  List<Assignment> allAssignments();

  /**
   * How many assignments of {@code bundle} (of every bundle if null) there are of each state, of
   * each kind (serving content or not), and with each agent report of the served digest: counted by
   * the database, so a bundle's counts over a million clusters cost no memory.
   */
  List<ProgressCount> progressCounts(String bundle);

  /**
   * One group of {@link #progressCounts}.
   *
   * @param served whether the assignments serve content (a non-empty digest)
   * @param sync the agent's report of the served digest; null when it reported none
   * @param health likewise
   */
  record ProgressCount(
      String bundle,
      Assignment.State state,
      boolean served,
      BundleStatus.SyncState sync,
      BundleStatus.Health health,
      long count) {}

  /** Whether the cluster's current assignments reference the blob (blob authorisation). */
  boolean references(ClusterId cluster, Digest digest);
}

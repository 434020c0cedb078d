package dev.flotilla.hub.rollout;

import dev.flotilla.hub.admin.FleetStatus;
import dev.flotilla.hub.distribute.RolloutDecision;
import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.ClusterId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One pass over the fleet, a page of clusters at a time, that builds the planner's view ({@link
 * ClusterStates}) of every bundle being planned. Only one page of cluster rows, assignments and
 * reports is held at once; what is kept per targeted cluster is its small {@link ClusterState}
 * (clusters with the same labels share one {@code Labels}: the store parses each distinct label
 * text once). At a million clusters this is the difference between holding the fleet's rows
 * (gigabytes) and its states.
 */
final class FleetScan {
  /** Clusters read per query; their assignments and reports come in two range queries. */
  static final int PAGE = 1_000;

  /**
   * What the planner needs to know of a bundle before the pass.
   *
   * @param moved revisions whose content counts as moved by the bundle's rollout
   * @param fresh whether the assignments reflect the rollout's own decisions
   * @param last what each cluster was told last round (null: nothing)
   */
  record Target(
      BundleSpec spec,
      Set<String> moved,
      boolean fresh,
      Function<ClusterId, RolloutDecision> last) {}

  private FleetScan() {}

  /**
   * The states of each bundle's targeted clusters, by bundle name, in cluster id order; updates
   * {@code onlineSince} (when each online cluster was first seen online) on the way.
   */
  static Map<String, List<ClusterState>> states(
      HubStore store,
      List<Target> targets,
      Instant now,
      Duration offlineAfter,
      Map<ClusterId, Instant> onlineSince,
      int pageSize) {
    Map<String, List<ClusterState>> out = new LinkedHashMap<>();
    targets.forEach(t -> out.put(t.spec().name(), new ArrayList<>()));
    ClusterId after = null;
    for (List<ClusterRecord> page = store.clusters().page(null, pageSize);
        !page.isEmpty();
        page = store.clusters().page(after, pageSize)) {
      ClusterId from = page.get(0).id();
      after = page.get(page.size() - 1).id();
      List<Assignment> assignments = store.desired().assignmentsBetween(from, after);
      FleetStatus status =
          new FleetStatus(
              page,
              assignments,
              store.statuses().ofClustersBetween(from, after),
              now,
              offlineAfter);
      for (ClusterRecord c : page) {
        if (status.online(c)) {
          onlineSince.putIfAbsent(c.id(), now);
        } else {
          onlineSince.remove(c.id());
        }
      }
      for (Target t : targets) {
        Map<ClusterId, Assignment> byCluster = new HashMap<>();
        for (Assignment a : assignments) {
          if (a.bundle().equals(t.spec().name())) {
            byCluster.put(a.cluster(), a);
          }
        }
        out.get(t.spec().name())
            .addAll(
                ClusterStates.of(
                    t.spec(),
                    page,
                    byCluster,
                    status,
                    t.moved(),
                    t.fresh(),
                    t.last(),
                    onlineSince));
      }
    }
    return out;
  }
}
